namespace VoiceFlow.Domain.Scheduling;

/// <summary>One staff member, pre-indexed: weekly hours, closure days, merged busy intervals and appointment starts (UTC ticks, sorted).</summary>
internal sealed class StaffSchedule
{
    public StaffSchedule(
        Guid id, string name, bool isActive, Guid[] serviceIds, long[][]? hours,
        int[] closureFrom, int[] closureTo, long[] busyStarts, long[] busyEnds, long[] appointmentStarts)
    {
        Id = id;
        Name = name;
        IsActive = isActive;
        ServiceIds = serviceIds;
        Hours = hours;
        ClosureFrom = closureFrom;
        ClosureTo = closureTo;
        BusyStarts = busyStarts;
        BusyEnds = busyEnds;
        AppointmentStarts = appointmentStarts;
    }

    public Guid Id { get; }
    public string Name { get; }
    public bool IsActive { get; }
    public Guid[] ServiceIds { get; }
    /// <summary>Null: no hours of their own, so they work whenever the business is open.</summary>
    public long[][]? Hours { get; }
    public int[] ClosureFrom { get; }
    public int[] ClosureTo { get; }
    /// <summary>Disjoint, sorted by start (so ends are sorted too).</summary>
    public long[] BusyStarts { get; }
    public long[] BusyEnds { get; }
    public long[] AppointmentStarts { get; }

    public bool Performs(Guid serviceId) => ServiceIds.Length == 0 || Array.IndexOf(ServiceIds, serviceId) >= 0;

    public bool IsClosedOn(int dayNumber) => WeeklyOpening.Covers(ClosureFrom, ClosureTo, dayNumber);

    /// <summary>Whether [start, end) overlaps any busy interval: one binary search over the sorted ends.</summary>
    public bool IsBusy(long start, long end)
    {
        var ends = BusyEnds;
        int lo = 0, hi = ends.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ends[mid] <= start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo < ends.Length && BusyStarts[lo] < end;
    }

    /// <summary>How many active appointments start in [from, to).</summary>
    public int CountStarts(long from, long to) => LowerBound(AppointmentStarts, to) - LowerBound(AppointmentStarts, from);

    private static int LowerBound(long[] values, long value)
    {
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
