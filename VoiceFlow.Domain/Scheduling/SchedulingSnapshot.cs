using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// An immutable, pre-indexed picture of one business's schedule, built once from what the web
/// layer loads (a couple of queries) and then asked many questions by <see cref="AvailabilityEngine"/>.
/// Only active appointments count; each holds its own service's buffers. Busy intervals are merged
/// and sorted per staff member so a conflict check is one binary search.
/// A staff member with no working hours of their own works whenever the business is open.
/// </summary>
public sealed class SchedulingSnapshot
{
    private SchedulingSnapshot(
        string timeZoneId, DateTimeZone zone, BookingPolicy policy, long[][] businessHours,
        int[] closureFrom, int[] closureTo, Dictionary<Guid, ServiceTiming> services, StaffSchedule[] staff)
    {
        TimeZoneId = timeZoneId;
        Zone = zone;
        Policy = policy;
        BusinessHours = businessHours;
        ClosureFrom = closureFrom;
        ClosureTo = closureTo;
        Services = services;
        Staff = staff;
        MaxPairsPerDay = Math.Max(1, businessHours.Concat(staff.SelectMany(s => s.Hours ?? [])).Max(h => h.Length / 2));
    }

    public string TimeZoneId { get; }
    public BookingPolicy Policy { get; }

    /// <summary>
    /// The end of the window whose appointments and busy times were loaded, when only a window was: after it the
    /// schedule is unknown, so searches for free times stop at the last local day wholly before it (a slot there
    /// could be taken by an appointment that was never loaded). Null: everything that matters was loaded.
    /// </summary>
    public DateTime? BookedTimesUntilUtc { get; private init; }

    internal DateTimeZone Zone { get; }
    internal long[][] BusinessHours { get; }
    internal int[] ClosureFrom { get; }
    internal int[] ClosureTo { get; }
    internal Dictionary<Guid, ServiceTiming> Services { get; }
    /// <summary>Sorted by name, then id: the tie-break order for "anyone".</summary>
    internal StaffSchedule[] Staff { get; }
    internal int MaxPairsPerDay { get; }

    public static SchedulingSnapshot Create(
        Business business,
        IEnumerable<WeeklyHours> businessHours,
        IEnumerable<Closure> closures,
        IEnumerable<Service> services,
        IEnumerable<StaffMember> staff,
        IEnumerable<Appointment> appointments,
        IEnumerable<ExternalBusyTime> externalBusyTimes) =>
        Create(business.TimeZoneId, business.Booking, businessHours, closures, services, staff, appointments, externalBusyTimes);

    /// <exception cref="DomainException">The time zone is unknown or the booking policy is unusable (data errors, not requests).</exception>
    public static SchedulingSnapshot Create(
        string timeZoneId,
        BookingPolicy policy,
        IEnumerable<WeeklyHours> businessHours,
        IEnumerable<Closure> closures,
        IEnumerable<Service> services,
        IEnumerable<StaffMember> staff,
        IEnumerable<Appointment> appointments,
        IEnumerable<ExternalBusyTime> externalBusyTimes) =>
        FromBookedTimes(timeZoneId, policy, businessHours, closures, services, staff,
            appointments.Where(a => a.IsActive).Select(BookedTime.Of).Concat(externalBusyTimes.Select(BookedTime.Of)));

    /// <summary>As <c>Create</c>, from the active appointments' and outside busy times (what the booking paths load).</summary>
    /// <exception cref="DomainException">The time zone is unknown or the booking policy is unusable (data errors, not requests).</exception>
    public static SchedulingSnapshot FromBookedTimes(
        string timeZoneId,
        BookingPolicy policy,
        IEnumerable<WeeklyHours> businessHours,
        IEnumerable<Closure> closures,
        IEnumerable<Service> services,
        IEnumerable<StaffMember> staff,
        IEnumerable<BookedTime> bookedTimes,
        DateTime? bookedTimesUntilUtc = null)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId)
            ?? throw new DomainException("business.time_zone_unknown", $"'{timeZoneId}' is not an IANA time zone.");
        EnsureUsable(policy);

        var serviceTimings = services.ToDictionary(
            s => s.Id,
            s => new ServiceTiming(s.Duration.Ticks, s.BufferBefore.Ticks, s.BufferAfter.Ticks, s.IsActive));
        var closureList = closures.ToList();
        var businessClosures = closureList.Where(c => c.StaffMemberId is null).ToList();

        var staffList = staff.ToList();
        var busy = staffList.ToDictionary(s => s.Id, _ => new List<(long Start, long End)>());
        var starts = staffList.ToDictionary(s => s.Id, _ => new List<long>());
        foreach (var taken in bookedTimes)
        {
            if (!busy.TryGetValue(taken.StaffMemberId, out var list))
            {
                continue;
            }
            if (taken.ServiceId is not { } serviceId)
            {
                list.Add((taken.StartUtc.Ticks, taken.EndUtc.Ticks)); // an outside calendar's busy time: no buffers
                continue;
            }
            serviceTimings.TryGetValue(serviceId, out var timing);
            list.Add((taken.StartUtc.Ticks - timing.BufferBeforeTicks, taken.EndUtc.Ticks + timing.BufferAfterTicks));
            starts[taken.StaffMemberId].Add(taken.StartUtc.Ticks);
        }

        var schedules = staffList
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Id)
            .Select(s =>
            {
                var own = closureList.Where(c => c.StaffMemberId == s.Id).ToList();
                var (busyStarts, busyEnds) = Merge(busy[s.Id]);
                var appointmentStarts = starts[s.Id].ToArray();
                Array.Sort(appointmentStarts);
                return new StaffSchedule(
                    s.Id, s.Name, s.IsActive, [.. s.ServiceIds],
                    s.WorkingHours.Count == 0 ? null : WeeklyOpening.Build(s.WorkingHours),
                    [.. own.Select(c => c.From.DayNumber)], [.. own.Select(c => c.To.DayNumber)],
                    busyStarts, busyEnds, appointmentStarts);
            })
            .ToArray();

        return new SchedulingSnapshot(
            timeZoneId, zone, policy, WeeklyOpening.Build(businessHours),
            [.. businessClosures.Select(c => c.From.DayNumber)], [.. businessClosures.Select(c => c.To.DayNumber)],
            serviceTimings, schedules)
        {
            BookedTimesUntilUtc = bookedTimesUntilUtc,
        };
    }

    /// <summary>Local wall time to UTC in this business's zone: gap -> Skipped, overlap -> the earlier instant (see <see cref="BusinessTimeZone"/>).</summary>
    public LocalTimeResolution ToUtc(DateOnly date, TimeOnly time) => BusinessTimeZone.ToUtc(Zone, date, time);

    /// <summary>A UTC instant on this business's wall clock.</summary>
    public LocalMoment ToLocal(DateTime utc) => BusinessTimeZone.ToLocal(Zone, utc);

    internal int StaffIndexOf(Guid staffMemberId)
    {
        for (var i = 0; i < Staff.Length; i++)
        {
            if (Staff[i].Id == staffMemberId)
            {
                return i;
            }
        }
        return -1;
    }

    private static void EnsureUsable(BookingPolicy policy)
    {
        if (policy.SlotIntervalMinutes is < 1 or > 24 * 60)
        {
            throw new DomainException("booking.slot_interval_invalid", "The slot interval is between 1 minute and a day.");
        }
        if (policy.MinimumNoticeMinutes < 0 || policy.MaximumDaysAhead < 0 || policy.MaxAppointmentsPerStaffPerDay is < 0)
        {
            throw new DomainException("booking.policy_invalid", "Notice, horizon and daily limit cannot be negative.");
        }
    }

    private static (long[] Starts, long[] Ends) Merge(List<(long Start, long End)> intervals)
    {
        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        var mergedStarts = new List<long>(intervals.Count);
        var mergedEnds = new List<long>(intervals.Count);
        foreach (var (start, end) in intervals)
        {
            if (mergedEnds.Count > 0 && start <= mergedEnds[^1])
            {
                mergedEnds[^1] = Math.Max(mergedEnds[^1], end);
            }
            else
            {
                mergedStarts.Add(start);
                mergedEnds.Add(end);
            }
        }
        return ([.. mergedStarts], [.. mergedEnds]);
    }
}
