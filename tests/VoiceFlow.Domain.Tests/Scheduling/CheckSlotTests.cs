using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Domain.Tests.Scheduling;

/// <summary>Every reason a requested time can be refused, Toronto, Monday 2026-06-15, open 9-12 and 13-17.</summary>
public class CheckSlotTests
{
    private static readonly DateOnly Monday = new(2026, 6, 15);

    private readonly ScheduleBuilder _builder = ScheduleBuilder.WeekdaysWithLunch();
    private readonly Service _cleaning;
    private readonly StaffMember _alice;

    public CheckSlotTests()
    {
        _builder.Policy = _builder.Policy with { MinimumNoticeMinutes = 120, MaximumDaysAhead = 30, MaxAppointmentsPerStaffPerDay = 3 };
        _cleaning = _builder.AddService("Cleaning", 30, bufferAfter: 15);
        _alice = _builder.AddStaff("Alice", Weekdays(9, 17));
    }

    private static WeeklyHours[] Weekdays(int from, int to) =>
        [.. Enumerable.Range(1, 5).Select(d => new WeeklyHours((DayOfWeek)d, new TimeOnly(from, 0), new TimeOnly(to, 0)))];

    private DateTime Now => _builder.Local(2026, 6, 12, 12); // the Friday before

    private DateTime At(int hour, int minute = 0, int dayOffset = 0) => _builder.Local(2026, 6, 15 + dayOffset, hour, minute);

    private SlotCheckResult Check(DateTime startUtc, Guid? staff = null) =>
        AvailabilityEngine.CheckSlot(_builder.Build(), new SlotQuery(_cleaning.Id, staff, Now), startUtc);

    [Fact]
    public void CheckSlot_FreeTime_BookableWithStaff()
    {
        var result = Check(At(10));
        Assert.True(result.IsBookable);
        Assert.Equal(SlotUnavailableReason.None, result.Reason);
        Assert.Equal(_alice.Id, result.Slot!.Value.StaffMemberId);
        Assert.Equal(At(10, 30), result.Slot.Value.EndUtc);
    }

    [Fact]
    public void CheckSlot_InPast_InPast() => Assert.Equal(SlotUnavailableReason.InPast, Check(Now.AddMinutes(-15)).Reason);

    [Fact]
    public void CheckSlot_InsideNotice_TooSoon() => Assert.Equal(SlotUnavailableReason.TooSoon, Check(Now.AddMinutes(105)).Reason);

    [Fact]
    public void CheckSlot_PastHorizon_TooFarAhead()
    {
        Assert.Equal(SlotUnavailableReason.TooFarAhead, Check(_builder.Local(2026, 7, 13, 10)).Reason);
        Assert.True(Check(_builder.Local(2026, 7, 10, 10)).IsBookable); // Friday + 28 days, inside 30
    }

    [Fact]
    public void CheckSlot_Holiday_ClosedForHoliday()
    {
        _builder.Close(Monday, Monday);
        Assert.Equal(SlotUnavailableReason.ClosedForHoliday, Check(At(10)).Reason);
    }

    [Theory]
    [InlineData(8, 45)]  // before opening
    [InlineData(12, 0)]  // lunch
    [InlineData(11, 45)] // runs into lunch
    [InlineData(16, 45)] // runs past closing
    [InlineData(17, 0)]
    public void CheckSlot_OutsideBusinessHours_Closed(int hour, int minute) =>
        Assert.Equal(SlotUnavailableReason.Closed, Check(At(hour, minute)).Reason);

    [Fact]
    public void CheckSlot_Weekend_Closed() => Assert.Equal(SlotUnavailableReason.Closed, Check(At(10, 0, -1)).Reason);

    [Fact]
    public void CheckSlot_OffGrid_NotOnSlotGrid() => Assert.Equal(SlotUnavailableReason.NotOnSlotGrid, Check(At(10, 10)).Reason);

    [Fact]
    public void CheckSlot_StaffOnVacation_StaffUnavailable()
    {
        _builder.Close(Monday, Monday, _alice);
        Assert.Equal(SlotUnavailableReason.StaffUnavailable, Check(At(10), _alice.Id).Reason);
        Assert.Equal(SlotUnavailableReason.StaffUnavailable, Check(At(10)).Reason);
    }

    [Fact]
    public void CheckSlot_OutsideStaffHours_OutsideStaffHours()
    {
        var bob = _builder.AddStaff("Bob", Weekdays(13, 17));
        Assert.Equal(SlotUnavailableReason.OutsideStaffHours, Check(At(10), bob.Id).Reason);
    }

    [Fact]
    public void CheckSlot_OverlapsBookingOrItsBuffer_Taken()
    {
        _builder.Book(_alice, _cleaning, At(10));
        Assert.Equal(SlotUnavailableReason.Taken, Check(At(10, 15)).Reason);
        Assert.Equal(SlotUnavailableReason.Taken, Check(At(10, 30)).Reason); // the existing buffer runs to 10:45
        Assert.Equal(SlotUnavailableReason.Taken, Check(At(9, 30)).Reason); // its own buffer after would hit 10:00
        Assert.True(Check(At(10, 45)).IsBookable);
        Assert.True(Check(At(9, 15)).IsBookable);
    }

    [Fact]
    public void CheckSlot_ExternalBusy_Taken()
    {
        _builder.Busy(_alice, At(14), At(15));
        Assert.Equal(SlotUnavailableReason.Taken, Check(At(14, 30)).Reason);
    }

    [Fact]
    public void CheckSlot_DailyCap_DailyLimitReached()
    {
        _builder.Book(_alice, _cleaning, At(9));
        _builder.Book(_alice, _cleaning, At(11));
        _builder.Book(_alice, _cleaning, At(15));
        Assert.Equal(SlotUnavailableReason.DailyLimitReached, Check(At(13)).Reason);
        Assert.True(Check(At(13, 0, 1)).IsBookable);
    }

    [Fact]
    public void CheckSlot_Anyone_TakenBeatsAwayAsReason()
    {
        var bob = _builder.AddStaff("Bob", Weekdays(9, 17));
        _builder.Close(Monday, Monday, bob);
        _builder.Book(_alice, _cleaning, At(10));
        Assert.Equal(SlotUnavailableReason.Taken, Check(At(10)).Reason);
    }

    [Fact]
    public void CheckSlot_Anyone_PicksTheFreeOne()
    {
        var bob = _builder.AddStaff("Bob", Weekdays(9, 17));
        _builder.Book(_alice, _cleaning, At(10));
        Assert.Equal(bob.Id, Check(At(10)).Slot!.Value.StaffMemberId);
    }

    [Fact]
    public void CheckSlot_BadInput_ErrorNotException()
    {
        var snapshot = _builder.Build();
        Assert.Equal(AvailabilityError.UnknownService, AvailabilityEngine.CheckSlot(snapshot, new SlotQuery(Guid.NewGuid(), null, Now), At(10)).Error);
        Assert.Equal(AvailabilityError.UnknownStaffMember, AvailabilityEngine.CheckSlot(snapshot, new SlotQuery(_cleaning.Id, Guid.NewGuid(), Now), At(10)).Error);
        var local = AvailabilityEngine.CheckSlot(snapshot, new SlotQuery(_cleaning.Id, null, Now), new DateTime(2026, 6, 15, 10, 0, 0, DateTimeKind.Local));
        Assert.Equal(AvailabilityError.NotUtc, local.Error);
        Assert.False(local.IsBookable);
    }

    [Fact]
    public void CheckSlot_LocalTime_SameAnswerAsUtc()
    {
        var result = AvailabilityEngine.CheckSlot(_builder.Build(), new SlotQuery(_cleaning.Id, null, Now), Monday, new TimeOnly(10, 0));
        Assert.True(result.IsBookable);
        Assert.Equal(At(10), result.Slot!.Value.StartUtc);
    }

    [Fact]
    public void CheckSlot_AgreesWithFindSlotsOnEveryGridTimeOfAWeek()
    {
        var bob = _builder.AddStaff("Bob", Weekdays(12, 17));
        _builder.Book(_alice, _cleaning, At(10));
        _builder.Busy(bob, At(14), At(15, 10));
        _builder.Close(Monday.AddDays(2), Monday.AddDays(2), _alice);
        var snapshot = _builder.Build();
        var query = new SlotQuery(_cleaning.Id, null, Now);
        var found = AvailabilityEngine.FindSlots(snapshot, query, At(0), At(0, 0, 7)).Slots.ToDictionary(s => s.StartUtc);
        for (var t = At(0); t < At(0, 0, 7); t = t.AddMinutes(15))
        {
            var check = AvailabilityEngine.CheckSlot(snapshot, query, t);
            Assert.Equal(found.ContainsKey(t), check.IsBookable);
            if (check.IsBookable)
            {
                Assert.Equal(found[t], check.Slot);
            }
        }
    }
}
