namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// Answers availability questions over a <see cref="SchedulingSnapshot"/>: free slots in a window,
/// the nearest alternatives to a wanted time, and whether one exact time is bookable. Pure and
/// stateless: "now" is passed in, nothing throws for bad input (it comes back as an error result).
/// </summary>
/// <remarks>
/// <para>Rules, in order: a start is at or after now plus the minimum notice; its local day is at most
/// today (the business's local date of "now") plus the maximum days ahead; no business closure covers
/// the day; the service (real elapsed time) lies inside opening hours and, for the staff member, inside
/// working hours, with no personal closure that day; the staff member is under the daily cap (active
/// appointments starting that local day); and the service widened by its buffers overlaps no active
/// appointment widened by its own buffers, nor any external busy time. Buffers need to be free but
/// may run outside opening hours (clean-up after the last appointment of the day).</para>
/// <para>Slot starts are on a wall-clock grid: each opening interval's opening time plus multiples of
/// the slot interval. A window [from, to) selects slots by start.</para>
/// <para>DST: hours are wall-clock hours. A grid time in a spring-forward gap does not exist, so no slot
/// starts then (a slot started before the gap runs through it in real time). In a fall-back overlap the
/// repeated wall times occur twice; when the business (and staff) hours cover them, each occurrence is
/// its own slot, told apart by <see cref="AvailableSlot.UtcOffset"/>. A local time asked for by a caller
/// maps with <see cref="BusinessTimeZone"/>: gap -> <see cref="SlotUnavailableReason.DstGap"/>, overlap ->
/// the earlier instant.</para>
/// <para>"Anyone": every active staff member who performs the service; a time is free when one of them
/// is; the one chosen has the fewest appointments that local day, then comes first by name, then id.</para>
/// </remarks>
public static class AvailabilityEngine
{
    /// <summary>Free slots starting in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), earliest first, at most <paramref name="maxResults"/>.</summary>
    public static AvailabilityResult FindSlots(
        SchedulingSnapshot snapshot, SlotQuery query, DateTime fromUtc, DateTime toUtc, int maxResults = int.MaxValue)
    {
        if (fromUtc.Kind == DateTimeKind.Local || toUtc.Kind == DateTimeKind.Local)
        {
            return AvailabilityResult.Failure(AvailabilityError.NotUtc);
        }
        if (toUtc <= fromUtc)
        {
            return AvailabilityResult.Failure(AvailabilityError.InvalidWindow);
        }
        if (maxResults < 1)
        {
            return AvailabilityResult.Failure(AvailabilityError.InvalidMaxResults);
        }
        var error = Prepare(snapshot, query, out var scanner);
        if (error != AvailabilityError.None)
        {
            return AvailabilityResult.Failure(error);
        }
        var results = new List<AvailableSlot>(Math.Min(maxResults, 64));
        var from = Math.Max(fromUtc.Ticks, scanner.EarliestTicks);
        if (from < toUtc.Ticks)
        {
            // One day of margin before: a zone whose clocks fall back across midnight shows early instants on the previous date.
            scanner.ScanDays(scanner.LocalDay(from) - 1, scanner.LocalDay(toUtc.Ticks - 1), from, toUtc.Ticks, maxResults, results);
        }
        return new AvailabilityResult(AvailabilityError.None, results);
    }

    /// <summary>
    /// What a receptionist offers when <paramref name="desiredStartUtc"/> is not possible ("I don't have 3,
    /// but I have 2:30 or 4:15"): free slots on the same local day, closest first (ties: the earlier one),
    /// then the earliest slots of the following days in order. The desired start itself is never offered.
    /// </summary>
    public static AvailabilityResult FindAlternatives(
        SchedulingSnapshot snapshot, SlotQuery query, DateTime desiredStartUtc, int max = 2)
    {
        if (desiredStartUtc.Kind == DateTimeKind.Local)
        {
            return AvailabilityResult.Failure(AvailabilityError.NotUtc);
        }
        if (max < 1)
        {
            return AvailabilityResult.Failure(AvailabilityError.InvalidMaxResults);
        }
        var error = Prepare(snapshot, query, out var scanner);
        if (error != AvailabilityError.None)
        {
            return AvailabilityResult.Failure(error);
        }
        var desired = desiredStartUtc.Ticks;
        var day = scanner.LocalDay(desired);
        var sameDay = new List<AvailableSlot>();
        scanner.ScanDays(day, day, long.MinValue, long.MaxValue, int.MaxValue, sameDay);
        sameDay.RemoveAll(s => s.StartUtc.Ticks == desired);
        sameDay.Sort((a, b) =>
        {
            var byDistance = Math.Abs(a.StartUtc.Ticks - desired).CompareTo(Math.Abs(b.StartUtc.Ticks - desired));
            return byDistance != 0 ? byDistance : a.StartUtc.CompareTo(b.StartUtc);
        });
        var results = new List<AvailableSlot>(max);
        results.AddRange(sameDay.Take(max));
        if (results.Count < max)
        {
            scanner.ScanDays(Math.Max(day + 1, scanner.LocalDay(scanner.EarliestTicks)), int.MaxValue, long.MinValue, long.MaxValue, max, results);
        }
        return new AvailabilityResult(AvailabilityError.None, results);
    }

    /// <summary>Whether the service can start exactly at <paramref name="startUtc"/>, and with whom; otherwise the specific reason.</summary>
    public static SlotCheckResult CheckSlot(SchedulingSnapshot snapshot, SlotQuery query, DateTime startUtc)
    {
        if (startUtc.Kind == DateTimeKind.Local)
        {
            return SlotCheckResult.Failure(AvailabilityError.NotUtc);
        }
        var error = Prepare(snapshot, query, out var scanner);
        return error != AvailabilityError.None ? SlotCheckResult.Failure(error) : scanner.Check(startUtc.Ticks);
    }

    /// <summary>
    /// Same, for a local date and time as a caller says it: a time in a spring-forward gap is
    /// <see cref="SlotUnavailableReason.DstGap"/>; a time in a fall-back overlap means the earlier instant.
    /// </summary>
    public static SlotCheckResult CheckSlot(SchedulingSnapshot snapshot, SlotQuery query, DateOnly localDate, TimeOnly localTime)
    {
        var error = Prepare(snapshot, query, out var scanner);
        if (error != AvailabilityError.None)
        {
            return SlotCheckResult.Failure(error);
        }
        var resolution = snapshot.ToUtc(localDate, localTime);
        return resolution.Utc is { } utc
            ? scanner.Check(utc.Ticks)
            : SlotCheckResult.Unavailable(SlotUnavailableReason.DstGap);
    }

    private static AvailabilityError Prepare(SchedulingSnapshot snapshot, SlotQuery query, out SlotScanner scanner)
    {
        scanner = null!;
        if (query.NowUtc.Kind == DateTimeKind.Local)
        {
            return AvailabilityError.NotUtc;
        }
        if (!snapshot.Services.TryGetValue(query.ServiceId, out var service))
        {
            return AvailabilityError.UnknownService;
        }
        if (!service.IsActive)
        {
            return AvailabilityError.ServiceInactive;
        }
        StaffSchedule[] eligible;
        if (query.StaffMemberId is { } staffId)
        {
            var index = snapshot.StaffIndexOf(staffId);
            if (index < 0)
            {
                return AvailabilityError.UnknownStaffMember;
            }
            var staff = snapshot.Staff[index];
            if (!staff.IsActive)
            {
                return AvailabilityError.StaffMemberInactive;
            }
            if (!staff.Performs(query.ServiceId))
            {
                return AvailabilityError.StaffDoesNotPerformService;
            }
            eligible = [staff];
        }
        else
        {
            eligible = Array.FindAll(snapshot.Staff, s => s.IsActive && s.Performs(query.ServiceId));
            if (eligible.Length == 0)
            {
                return AvailabilityError.NoStaffForService;
            }
        }
        scanner = new SlotScanner(snapshot, service, eligible, query.NowUtc);
        return AvailabilityError.None;
    }
}
