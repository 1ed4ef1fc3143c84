using NodaTime;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// The engine's working state for one question: the service, the eligible staff and scratch buffers
/// reused day after day, so scanning allocates nothing per slot.
/// </summary>
/// <remarks>
/// Wall-clock rule: an instant is inside opening (or working) hours when the business's wall clock
/// shows a time inside them on that local day. Each day is cut into zone pieces of constant offset;
/// wall hours map to UTC per piece, so a spring-forward gap simply has no instants and a fall-back
/// overlap has the repeated wall hour twice. Slot starts are wall times on the grid (opening time plus
/// a multiple of the slot interval); a slot lasts the service's duration in real elapsed time and must
/// lie inside one contiguous stretch of open (and working) instants.
/// </remarks>
internal sealed class SlotScanner
{
    private const int MaxPieces = 8;

    private readonly SchedulingSnapshot _snapshot;
    private readonly StaffSchedule[] _eligible;
    private readonly long _durationTicks;
    private readonly long _bufferBeforeTicks;
    private readonly long _bufferAfterTicks;
    private readonly long _stepTicks;
    private readonly int? _dailyLimit;
    private readonly int _intervalCapacity;

    private readonly ZonePiece[] _pieces = new ZonePiece[MaxPieces];
    private readonly long[] _businessOpen;
    private readonly long[] _staffOpen;
    private readonly int[] _staffOpenCount;
    private readonly int[] _staffCount;
    private readonly SlotUnavailableReason[] _staffReason;
    private readonly int[] _order;
    private int _pieceCount;
    private int _businessOpenCount;
    private int _orderCount;

    public SlotScanner(SchedulingSnapshot snapshot, ServiceTiming service, StaffSchedule[] eligible, DateTime nowUtc)
    {
        _snapshot = snapshot;
        _eligible = eligible;
        _durationTicks = service.DurationTicks;
        _bufferBeforeTicks = service.BufferBeforeTicks;
        _bufferAfterTicks = service.BufferAfterTicks;
        var policy = snapshot.Policy;
        _stepTicks = policy.SlotIntervalMinutes * TimeSpan.TicksPerMinute;
        _dailyLimit = policy.MaxAppointmentsPerStaffPerDay;
        NowTicks = nowUtc.Ticks;
        EarliestTicks = NowTicks + (policy.MinimumNoticeMinutes * TimeSpan.TicksPerMinute);
        LastDay = LocalDay(NowTicks) + policy.MaximumDaysAhead;
        SearchLastDay = snapshot.BookedTimesUntilUtc is { } until ? Math.Min(LastDay, LocalDay(until.Ticks) - 1) : LastDay;

        _intervalCapacity = MaxPieces * snapshot.MaxPairsPerDay * 2;
        _businessOpen = new long[_intervalCapacity];
        _staffOpen = new long[_intervalCapacity * eligible.Length];
        _staffOpenCount = new int[eligible.Length];
        _staffCount = new int[eligible.Length];
        _staffReason = new SlotUnavailableReason[eligible.Length];
        _order = new int[eligible.Length];
    }

    public long NowTicks { get; }
    /// <summary>Now plus the minimum notice: no slot starts before this.</summary>
    public long EarliestTicks { get; }
    /// <summary>Today (business local day number) plus the maximum days ahead.</summary>
    public int LastDay { get; }
    /// <summary>The last day a search may offer: the horizon, or the last day whose bookings the snapshot holds.</summary>
    public int SearchLastDay { get; }

    public int LocalDay(long utcTicks) =>
        (int)((utcTicks + BusinessTimeZone.OffsetTicksAt(_snapshot.Zone, utcTicks)) / TimeSpan.TicksPerDay);

    /// <summary>
    /// Appends free slots starting in [fromTicks, toTicks) on local days firstDay..lastDay (capped by the
    /// horizon and by the days whose bookings are known) in chronological order, until <paramref name="results"/> holds <paramref name="maxResults"/>.
    /// </summary>
    public void ScanDays(int firstDay, int lastDay, long fromTicks, long toTicks, int maxResults, List<AvailableSlot> results)
    {
        lastDay = Math.Min(lastDay, SearchLastDay);
        var lowTicks = Math.Max(fromTicks, EarliestTicks);
        for (var day = firstDay; day <= lastDay && results.Count < maxResults; day++)
        {
            if (ScanDay(day, lowTicks, toTicks, maxResults, results))
            {
                return;
            }
        }
    }

    /// <summary>Why the slot starting at <paramref name="startTicks"/> cannot be booked, or the slot with its chosen staff member.</summary>
    public SlotCheckResult Check(long startTicks)
    {
        if (startTicks < NowTicks)
        {
            return SlotCheckResult.Unavailable(SlotUnavailableReason.InPast);
        }
        if (startTicks < EarliestTicks)
        {
            return SlotCheckResult.Unavailable(SlotUnavailableReason.TooSoon);
        }
        var offset = BusinessTimeZone.OffsetTicksAt(_snapshot.Zone, startTicks);
        var wall = startTicks + offset;
        var day = (int)(wall / TimeSpan.TicksPerDay);
        var timeOfDay = wall % TimeSpan.TicksPerDay;
        if (day > LastDay)
        {
            return SlotCheckResult.Unavailable(SlotUnavailableReason.TooFarAhead);
        }
        var dayReason = PrepareDay(day);
        if (dayReason != SlotUnavailableReason.None)
        {
            return SlotCheckResult.Unavailable(dayReason);
        }
        var endTicks = startTicks + _durationTicks;
        if (!Fits(_businessOpen, 0, _businessOpenCount, startTicks, endTicks))
        {
            return SlotCheckResult.Unavailable(SlotUnavailableReason.Closed);
        }
        var pairs = _snapshot.BusinessHours[(int)DateOnly.FromDayNumber(day).DayOfWeek];
        for (var i = 0; i < pairs.Length; i += 2)
        {
            if (timeOfDay >= pairs[i] && timeOfDay < pairs[i + 1] && (timeOfDay - pairs[i]) % _stepTicks != 0)
            {
                return SlotCheckResult.Unavailable(SlotUnavailableReason.NotOnSlotGrid);
            }
        }

        // The most telling reason across staff: someone working but booked beats someone away.
        var reason = SlotUnavailableReason.None;
        for (var j = 0; j < _eligible.Length; j++)
        {
            reason = Worse(reason, _staffReason[j]);
        }
        for (var k = 0; k < _orderCount; k++)
        {
            var j = _order[k];
            if (!Fits(_staffOpen, j * _intervalCapacity, _staffOpenCount[j], startTicks, endTicks))
            {
                reason = Worse(reason, SlotUnavailableReason.OutsideStaffHours);
            }
            else if (_eligible[j].IsBusy(startTicks - _bufferBeforeTicks, endTicks + _bufferAfterTicks))
            {
                reason = Worse(reason, SlotUnavailableReason.Taken);
            }
            else
            {
                return new SlotCheckResult(AvailabilityError.None, SlotUnavailableReason.None,
                    Slot(startTicks, endTicks, _eligible[j].Id, day, timeOfDay, offset));
            }
        }
        return SlotCheckResult.Unavailable(reason);
    }

    private bool ScanDay(int day, long lowTicks, long toTicks, int maxResults, List<AvailableSlot> results)
    {
        if (PrepareDay(day) != SlotUnavailableReason.None || _orderCount == 0)
        {
            return false;
        }
        var wallDay = day * TimeSpan.TicksPerDay;
        var pairs = _snapshot.BusinessHours[(int)DateOnly.FromDayNumber(day).DayOfWeek];
        for (var p = 0; p < _pieceCount; p++)
        {
            var piece = _pieces[p];
            var low = Math.Max(lowTicks, piece.StartTicks);
            for (var i = 0; i < pairs.Length; i += 2)
            {
                var opens = pairs[i];
                var closes = pairs[i + 1];
                var first = wallDay + opens - piece.OffsetTicks;
                var t = opens;
                if (first < low)
                {
                    t += (low - first + _stepTicks - 1) / _stepTicks * _stepTicks;
                }
                for (; t < closes; t += _stepTicks)
                {
                    var start = wallDay + t - piece.OffsetTicks;
                    if (start >= toTicks)
                    {
                        return true;
                    }
                    if (start >= piece.EndTicks)
                    {
                        break;
                    }
                    var end = start + _durationTicks;
                    if (!Fits(_businessOpen, 0, _businessOpenCount, start, end))
                    {
                        continue;
                    }
                    var j = FindFreeStaff(start, end);
                    if (j < 0)
                    {
                        continue;
                    }
                    results.Add(Slot(start, end, _eligible[j].Id, day, t, piece.OffsetTicks));
                    if (results.Count >= maxResults)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private int FindFreeStaff(long start, long end)
    {
        var busyFrom = start - _bufferBeforeTicks;
        var busyTo = end + _bufferAfterTicks;
        for (var k = 0; k < _orderCount; k++)
        {
            var j = _order[k];
            if (Fits(_staffOpen, j * _intervalCapacity, _staffOpenCount[j], start, end) && !_eligible[j].IsBusy(busyFrom, busyTo))
            {
                return j;
            }
        }
        return -1;
    }

    /// <summary>
    /// Computes the day's zone pieces, the business's open instants and, per eligible staff member,
    /// their working instants, appointment count and the load-balancing order. Returns the business-level
    /// reason the whole day is out (holiday, closed), or None.
    /// </summary>
    private SlotUnavailableReason PrepareDay(int day)
    {
        _orderCount = 0;
        _businessOpenCount = 0;
        if (WeeklyOpening.Covers(_snapshot.ClosureFrom, _snapshot.ClosureTo, day))
        {
            return SlotUnavailableReason.ClosedForHoliday;
        }
        var dayOfWeek = (int)DateOnly.FromDayNumber(day).DayOfWeek;
        var pairs = _snapshot.BusinessHours[dayOfWeek];
        if (pairs.Length == 0)
        {
            return SlotUnavailableReason.Closed;
        }
        var wallDay = day * TimeSpan.TicksPerDay;
        LoadPieces(wallDay);
        _businessOpenCount = BuildOpen(wallDay, pairs, _businessOpen, 0);
        if (_businessOpenCount == 0)
        {
            return SlotUnavailableReason.Closed;
        }

        long dayStart = 0, nextDayStart = 0;
        if (_eligible.Length > 1 || _dailyLimit is not null)
        {
            var zone = _snapshot.Zone;
            var date = LocalDate.FromDateOnly(DateOnly.FromDayNumber(day));
            dayStart = BusinessTimeZone.ToTicks(zone.AtStartOfDay(date).ToInstant());
            nextDayStart = BusinessTimeZone.ToTicks(zone.AtStartOfDay(date.PlusDays(1)).ToInstant());
        }
        for (var j = 0; j < _eligible.Length; j++)
        {
            var staff = _eligible[j];
            if (staff.IsClosedOn(day))
            {
                _staffReason[j] = SlotUnavailableReason.StaffUnavailable;
                continue;
            }
            var offset = j * _intervalCapacity;
            if (staff.Hours is null)
            {
                Array.Copy(_businessOpen, 0, _staffOpen, offset, _businessOpenCount * 2);
                _staffOpenCount[j] = _businessOpenCount;
            }
            else
            {
                _staffOpenCount[j] = BuildOpen(wallDay, staff.Hours[dayOfWeek], _staffOpen, offset);
            }
            if (_staffOpenCount[j] == 0)
            {
                _staffReason[j] = SlotUnavailableReason.OutsideStaffHours;
                continue;
            }
            var count = nextDayStart > dayStart ? staff.CountStarts(dayStart, nextDayStart) : 0;
            if (count >= _dailyLimit)
            {
                _staffReason[j] = SlotUnavailableReason.DailyLimitReached;
                continue;
            }
            _staffReason[j] = SlotUnavailableReason.None;
            _staffCount[j] = count;
            // Insertion sort: fewest appointments first, then snapshot order (name, id).
            var k = _orderCount++;
            while (k > 0 && _staffCount[_order[k - 1]] > count)
            {
                _order[k] = _order[k - 1];
                k--;
            }
            _order[k] = j;
        }
        return SlotUnavailableReason.None;
    }

    private void LoadPieces(long wallDay)
    {
        var zone = _snapshot.Zone;
        var low = wallDay - zone.MaxOffset.Ticks;
        var high = wallDay + TimeSpan.TicksPerDay - zone.MinOffset.Ticks;
        var interval = zone.GetZoneInterval(BusinessTimeZone.ToInstant(low));
        _pieceCount = 0;
        while (true)
        {
            var start = interval.HasStart ? BusinessTimeZone.ToTicks(interval.Start) : long.MinValue;
            var end = interval.HasEnd ? BusinessTimeZone.ToTicks(interval.End) : long.MaxValue;
            _pieces[_pieceCount++] = new ZonePiece(start, end, interval.WallOffset.Ticks);
            if (!interval.HasEnd || end >= high || _pieceCount == MaxPieces)
            {
                return;
            }
            interval = zone.GetZoneInterval(interval.End);
        }
    }

    /// <summary>Maps wall-clock pairs of one day to merged UTC intervals, written as pairs at <paramref name="offset"/>; returns how many.</summary>
    private int BuildOpen(long wallDay, long[] pairs, long[] output, int offset)
    {
        var count = 0;
        for (var p = 0; p < _pieceCount; p++)
        {
            var piece = _pieces[p];
            for (var i = 0; i < pairs.Length; i += 2)
            {
                var start = Math.Max(wallDay + pairs[i] - piece.OffsetTicks, piece.StartTicks);
                var end = Math.Min(wallDay + pairs[i + 1] - piece.OffsetTicks, piece.EndTicks);
                if (start >= end)
                {
                    continue;
                }
                var last = offset + (count * 2) - 1;
                if (count > 0 && start <= output[last])
                {
                    output[last] = Math.Max(output[last], end);
                }
                else
                {
                    output[offset + (count * 2)] = start;
                    output[offset + (count * 2) + 1] = end;
                    count++;
                }
            }
        }
        return count;
    }

    private static bool Fits(long[] intervals, int offset, int count, long start, long end)
    {
        for (var i = 0; i < count; i++)
        {
            var at = offset + (i * 2);
            if (start >= intervals[at] && start < intervals[at + 1])
            {
                return end <= intervals[at + 1];
            }
        }
        return false;
    }

    private static AvailableSlot Slot(long start, long end, Guid staffId, int day, long timeOfDay, long offset) =>
        new(new DateTime(start, DateTimeKind.Utc), new DateTime(end, DateTimeKind.Utc), staffId,
            DateOnly.FromDayNumber(day), new TimeOnly(timeOfDay), TimeSpan.FromTicks(offset));

    private static SlotUnavailableReason Worse(SlotUnavailableReason a, SlotUnavailableReason b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(SlotUnavailableReason reason) => reason switch
    {
        SlotUnavailableReason.Taken => 4,
        SlotUnavailableReason.DailyLimitReached => 3,
        SlotUnavailableReason.OutsideStaffHours => 2,
        SlotUnavailableReason.StaffUnavailable => 1,
        _ => 0,
    };
}
