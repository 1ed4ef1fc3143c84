using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Domain.Tests.Scheduling;

/// <summary>One rule at a time, in Toronto in June (EDT, UTC-4): Monday 2026-06-15, open 9-12 and 13-17.</summary>
public class AvailabilityEngineTests
{
    private static readonly DateOnly Monday = new(2026, 6, 15);

    private readonly ScheduleBuilder _builder = ScheduleBuilder.WeekdaysWithLunch();
    private readonly Service _cleaning;
    private readonly StaffMember _alice;

    public AvailabilityEngineTests()
    {
        _cleaning = _builder.AddService("Cleaning", 30);
        _alice = _builder.AddStaff("Alice");
    }

    private DateTime At(int hour, int minute = 0, int dayOffset = 0) =>
        _builder.Local(2026, 6, 15 + dayOffset, hour, minute);

    private DateTime SundayNoon => At(12, 0, -1);

    private AvailabilityResult SlotsOnMonday(Service? service = null, Guid? staffId = null, DateTime? now = null) =>
        AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery((service ?? _cleaning).Id, staffId, now ?? SundayNoon), At(0), At(0, 0, 1));

    private static List<TimeOnly> Times(AvailabilityResult result) => [.. result.Slots.Select(s => s.LocalTime)];

    private static TimeOnly T(int hour, int minute = 0) => new(hour, minute);

    [Fact]
    public void FindSlots_OpenDay_GridSlotsInsideHoursAroundLunch()
    {
        var result = SlotsOnMonday();
        Assert.True(result.IsSuccess);
        var times = Times(result);
        Assert.Equal(T(9), times[0]);
        Assert.Equal(T(16, 30), times[^1]);
        Assert.Contains(T(11, 30), times);
        Assert.DoesNotContain(T(11, 45), times); // would run into lunch
        Assert.DoesNotContain(T(12), times);
        Assert.Contains(T(13), times);
        Assert.Equal(11 + 15, times.Count);
        Assert.All(result.Slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.EndUtc - s.StartUtc));
        Assert.All(result.Slots, s => Assert.Equal(_alice.Id, s.StaffMemberId));
        Assert.Equal(new DateTime(2026, 6, 15, 13, 0, 0, DateTimeKind.Utc), result.Slots[0].StartUtc);
        Assert.Equal(DateTimeKind.Utc, result.Slots[0].StartUtc.Kind);
        Assert.Equal(TimeSpan.FromHours(-4), result.Slots[0].UtcOffset);
        Assert.Equal(Monday, result.Slots[0].LocalDate);
    }

    [Fact]
    public void FindSlots_Weekend_NoSlots()
    {
        var result = AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery(_cleaning.Id, null, At(12, 0, -3)), At(0, 0, -2), At(0));
        Assert.True(result.IsSuccess);
        Assert.Empty(result.Slots);
    }

    [Fact]
    public void FindSlots_LongerService_LastSlotEndsAtClosing()
    {
        var consult = _builder.AddService("Consult", 60);
        var times = Times(SlotsOnMonday(consult));
        Assert.Equal(T(16), times[^1]);
        Assert.Equal(T(11), times.Last(t => t < T(12)));
    }

    [Fact]
    public void FindSlots_SlotInterval_GridAnchoredAtEachOpening()
    {
        _builder.Policy = _builder.Policy with { SlotIntervalMinutes = 20 };
        var times = Times(SlotsOnMonday());
        Assert.Equal([T(9), T(9, 20), T(9, 40), T(10)], times.Take(4));
        Assert.Equal(T(13), times.First(t => t >= T(12)));
    }

    [Fact]
    public void FindSlots_BusinessClosure_NoSlotsThatDay()
    {
        _builder.Close(Monday, Monday);
        Assert.Empty(SlotsOnMonday().Slots);
    }

    [Fact]
    public void FindSlots_StaffClosure_OtherStaffTakesOver()
    {
        var bob = _builder.AddStaff("Bob");
        _builder.Close(Monday, Monday.AddDays(2), _alice);
        var anyone = SlotsOnMonday();
        Assert.All(anyone.Slots, s => Assert.Equal(bob.Id, s.StaffMemberId));
        Assert.Equal(26, anyone.Slots.Count);
        Assert.Empty(SlotsOnMonday(staffId: _alice.Id).Slots);
    }

    [Fact]
    public void FindSlots_StaffHours_OnlyWhereBothBusinessAndStaffAreOpen()
    {
        var carol = _builder.AddStaff("Carol", new WeeklyHours(DayOfWeek.Monday, T(10), T(14)));
        var times = Times(SlotsOnMonday(staffId: carol.Id));
        Assert.Equal([T(10), T(10, 15), T(10, 30), T(10, 45), T(11), T(11, 15), T(11, 30), T(13), T(13, 15), T(13, 30)], times);
    }

    [Fact]
    public void FindSlots_StaffWithoutHours_WorksWhenBusinessIsOpen()
    {
        Assert.Equal(26, SlotsOnMonday(staffId: _alice.Id).Slots.Count);
    }

    [Fact]
    public void FindSlots_BuffersOnBothSides_KeepClearOfExistingAppointment()
    {
        var whitening = _builder.AddService("Whitening", 30, bufferAfter: 15);
        var checkup = _builder.AddService("Checkup", 30, bufferBefore: 10);
        _builder.Book(_alice, whitening, At(10));
        var times = Times(SlotsOnMonday(checkup)).Where(t => t < T(12)).ToList();
        // Existing holds 10:00-10:45 (its buffer after); a checkup holds 10 minutes before its start.
        Assert.Equal([T(9), T(9, 15), T(9, 30), T(11), T(11, 15), T(11, 30)], times);
    }

    [Fact]
    public void FindSlots_ExternalBusyTime_Blocks()
    {
        _builder.Busy(_alice, At(9, 10), At(10, 5));
        var times = Times(SlotsOnMonday());
        Assert.Equal(T(10, 15), times[0]);
    }

    [Fact]
    public void FindSlots_CancelledAppointment_DoesNotBlock()
    {
        var appointment = _builder.Book(_alice, _cleaning, At(9));
        appointment.Cancel("changed plans", At(8, 0, -1));
        Assert.Equal(T(9), Times(SlotsOnMonday())[0]);
    }

    [Fact]
    public void FindSlots_MinimumNotice_FirstSlotOnGridAfterNoticeAndNeverInPast()
    {
        _builder.Policy = _builder.Policy with { MinimumNoticeMinutes = 60 };
        var result = SlotsOnMonday(now: At(9, 10));
        Assert.Equal(T(10, 15), result.Slots[0].LocalTime);
    }

    [Fact]
    public void FindSlots_MaximumDaysAhead_NothingPastHorizon()
    {
        _builder.Policy = _builder.Policy with { MaximumDaysAhead = 7 };
        var result = AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery(_cleaning.Id, null, At(8)), At(8), At(8).AddDays(30));
        Assert.Equal(Monday.AddDays(7), result.Slots[^1].LocalDate);
        Assert.Equal(6 * 26, result.Slots.Count); // Mon-Fri this week and next Monday
    }

    [Fact]
    public void FindSlots_DailyLimit_StaffAtCapIsSkippedThatDayOnly()
    {
        _builder.Policy = _builder.Policy with { MaxAppointmentsPerStaffPerDay = 2 };
        _builder.Book(_alice, _cleaning, At(9));
        _builder.Book(_alice, _cleaning, At(15));
        Assert.Empty(SlotsOnMonday().Slots);
        var tuesday = AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery(_cleaning.Id, null, SundayNoon), At(0, 0, 1), At(0, 0, 2));
        Assert.Equal(26, tuesday.Slots.Count);
    }

    [Fact]
    public void FindSlots_DailyLimit_CancelledAppointmentsDoNotCount()
    {
        _builder.Policy = _builder.Policy with { MaxAppointmentsPerStaffPerDay = 1 };
        _builder.Book(_alice, _cleaning, At(9)).Cancel(null, SundayNoon);
        Assert.NotEmpty(SlotsOnMonday().Slots);
    }

    [Fact]
    public void FindSlots_Anyone_PrefersFewestAppointmentsThatDay()
    {
        var aaron = _builder.AddStaff("Aaron");
        _builder.Book(aaron, _cleaning, At(16));
        var slots = SlotsOnMonday().Slots;
        Assert.Equal(_alice.Id, slots[0].StaffMemberId);
        Assert.Equal(_alice.Id, slots.Single(s => s.LocalTime == T(16)).StaffMemberId);
    }

    [Fact]
    public void FindSlots_Anyone_TieBrokenByNameAndFallsBackWhenFirstIsBusy()
    {
        var bob = _builder.AddStaff("Bob");
        _builder.Busy(_alice, At(9), At(9, 30));
        _builder.Busy(bob, At(16), At(17));
        var slots = SlotsOnMonday().Slots;
        Assert.Equal(bob.Id, slots[0].StaffMemberId); // 9:00, Alice busy
        Assert.Equal(_alice.Id, slots.Single(s => s.LocalTime == T(9, 30)).StaffMemberId);
        Assert.Equal(26, slots.Count);
    }

    [Fact]
    public void FindSlots_Anyone_SkipsInactiveStaffAndThoseNotPerformingTheService()
    {
        var whitening = _builder.AddService("Whitening", 30);
        _alice.ChangeServices([whitening.Id]);
        var bob = _builder.AddStaff("Bob");
        var carl = _builder.AddStaff("Carl");
        carl.Deactivate();
        var slots = SlotsOnMonday().Slots;
        Assert.All(slots, s => Assert.Equal(bob.Id, s.StaffMemberId));
    }

    [Fact]
    public void FindSlots_MaxResults_StopsEarly()
    {
        var result = AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery(_cleaning.Id, null, SundayNoon), SundayNoon, SundayNoon.AddDays(60), 5);
        Assert.Equal([T(9), T(9, 15), T(9, 30), T(9, 45), T(10)], Times(result));
    }

    [Fact]
    public void FindSlots_Window_SelectsByStart()
    {
        var result = AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery(_cleaning.Id, null, SundayNoon), At(10, 5), At(10, 45));
        Assert.Equal([T(10, 15), T(10, 30)], Times(result));
    }

    [Fact]
    public void FindSlots_WindowEndsBeforeStart_InvalidWindow()
    {
        var result = AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery(_cleaning.Id, null, SundayNoon), At(10), At(9));
        Assert.Equal(AvailabilityError.InvalidWindow, result.Error);
        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void FindSlots_BadInput_SpecificErrors()
    {
        var snapshot = _builder.Build();
        var bob = _builder.AddStaff("Bob");
        AvailabilityError Find(SlotQuery query, int max = 5) => AvailabilityEngine.FindSlots(snapshot, query, At(0), At(0, 0, 1), max).Error;

        Assert.Equal(AvailabilityError.UnknownService, Find(new SlotQuery(Guid.NewGuid(), null, SundayNoon)));
        Assert.Equal(AvailabilityError.UnknownStaffMember, Find(new SlotQuery(_cleaning.Id, bob.Id, SundayNoon)));
        Assert.Equal(AvailabilityError.InvalidMaxResults, Find(new SlotQuery(_cleaning.Id, null, SundayNoon), 0));
        Assert.Equal(AvailabilityError.NotUtc, Find(new SlotQuery(_cleaning.Id, null, new DateTime(2026, 6, 14, 12, 0, 0, DateTimeKind.Local))));
    }

    [Fact]
    public void FindSlots_InactiveServiceOrStaff_SpecificErrors()
    {
        var inactive = _builder.AddService("Retired", 30);
        inactive.Deactivate();
        var bob = _builder.AddStaff("Bob");
        bob.Deactivate();
        var whitening = _builder.AddService("Whitening", 30);
        var carl = _builder.AddStaff("Carl");
        carl.ChangeServices([whitening.Id]);
        var snapshot = _builder.Build();
        AvailabilityError Find(Guid service, Guid? staff) => AvailabilityEngine.FindSlots(snapshot, new SlotQuery(service, staff, SundayNoon), At(0), At(0, 0, 1)).Error;

        Assert.Equal(AvailabilityError.ServiceInactive, Find(inactive.Id, null));
        Assert.Equal(AvailabilityError.StaffMemberInactive, Find(_cleaning.Id, bob.Id));
        Assert.Equal(AvailabilityError.StaffDoesNotPerformService, Find(_cleaning.Id, carl.Id));
        Assert.Equal(AvailabilityError.None, Find(whitening.Id, carl.Id));
    }

    [Fact]
    public void FindSlots_NobodyPerformsService_NoStaffForService()
    {
        var whitening = _builder.AddService("Whitening", 30);
        _alice.ChangeServices([_cleaning.Id]);
        var result = AvailabilityEngine.FindSlots(_builder.Build(), new SlotQuery(whitening.Id, null, SundayNoon), At(0), At(0, 0, 1));
        Assert.Equal(AvailabilityError.NoStaffForService, result.Error);
    }

    [Fact]
    public void Snapshot_FromBusiness_UsesItsZoneAndPolicy()
    {
        var business = new Business("Clinic", "America/Halifax", "en-CA");
        business.ChangeBookingPolicy(new BookingPolicy(30, 0, 10, null));
        var snapshot = SchedulingSnapshot.Create(business, _builder.Hours, [], _builder.Services, _builder.Staff, Array.Empty<Appointment>(), []);
        Assert.Equal("America/Halifax", snapshot.TimeZoneId);
        var result = AvailabilityEngine.FindSlots(snapshot, new SlotQuery(_cleaning.Id, null, SundayNoon), SundayNoon, SundayNoon.AddDays(1), 2);
        Assert.Equal(new DateTime(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc), result.Slots[0].StartUtc); // 9:00 ADT
        Assert.Equal(T(9, 30), result.Slots[1].LocalTime);
    }
}
