using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Domain.Tests.Scheduling;

/// <summary>
/// DST in the four Canadian zones we care about. 2026: spring forward Sunday 2026-03-08 at 02:00,
/// fall back Sunday 2026-11-01 at 02:00 (back to 01:00), in all four.
/// </summary>
public class AvailabilityDstTests
{
    private static readonly DateOnly SpringForward = new(2026, 3, 8);
    private static readonly DateOnly FallBack = new(2026, 11, 1);

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    private static List<AvailableSlot> Day(ScheduleBuilder builder, Service service, DateOnly day)
    {
        var snapshot = builder.Build();
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-12);
        var result = AvailabilityEngine.FindSlots(snapshot, new SlotQuery(service.Id, null, from.AddDays(-10)), from, from.AddHours(48));
        Assert.True(result.IsSuccess);
        return [.. result.Slots.Where(s => s.LocalDate == day)];
    }

    private static ScheduleBuilder OpenSundays9To5(string zone) =>
        new ScheduleBuilder(zone).Open(DayOfWeek.Saturday, 9, 0, 17, 0).Open(DayOfWeek.Sunday, 9, 0, 17, 0);

    [Theory]
    [InlineData("America/Toronto", 14, 0, 13, 0)]
    [InlineData("America/Vancouver", 17, 0, 16, 0)]
    [InlineData("America/Halifax", 13, 0, 12, 0)]
    [InlineData("America/St_Johns", 12, 30, 11, 30)]
    public void FindSlots_SpringForwardDay_DaytimeHoursFollowNewOffset(string zone, int satH, int satMi, int sunH, int sunMi)
    {
        var builder = OpenSundays9To5(zone);
        var service = builder.AddService("Visit", 30);
        builder.AddStaff("Alice");
        var saturday = Day(builder, service, SpringForward.AddDays(-1));
        var sunday = Day(builder, service, SpringForward);
        Assert.Equal(Utc(2026, 3, 7, satH, satMi), saturday[0].StartUtc);
        Assert.Equal(Utc(2026, 3, 8, sunH, sunMi), sunday[0].StartUtc);
        Assert.Equal(new TimeOnly(9, 0), sunday[0].LocalTime);
        Assert.Equal(saturday.Count, sunday.Count);
        Assert.Equal(31, sunday.Count);
        Assert.Equal(saturday[0].UtcOffset + TimeSpan.FromHours(1), sunday[0].UtcOffset);
    }

    [Theory]
    [InlineData("America/Toronto", 13, 0, 14, 0)]
    [InlineData("America/Vancouver", 16, 0, 16, 0)] // BC stays at UTC-7 from 2026-11-01 (TZDB)
    [InlineData("America/Halifax", 12, 0, 13, 0)]
    [InlineData("America/St_Johns", 11, 30, 12, 30)]
    public void FindSlots_FallBackDay_DaytimeHoursFollowNewOffset(string zone, int satH, int satMi, int sunH, int sunMi)
    {
        var builder = OpenSundays9To5(zone);
        var service = builder.AddService("Visit", 30);
        builder.AddStaff("Alice");
        Assert.Equal(Utc(2026, 10, 31, satH, satMi), Day(builder, service, FallBack.AddDays(-1))[0].StartUtc);
        var sunday = Day(builder, service, FallBack);
        Assert.Equal(Utc(2026, 11, 1, sunH, sunMi), sunday[0].StartUtc);
        Assert.Equal(31, sunday.Count); // nothing doubled: the business is not open in the repeated hour
    }

    [Theory]
    [InlineData("America/Toronto")]
    [InlineData("America/Vancouver")]
    [InlineData("America/Halifax")]
    [InlineData("America/St_Johns")]
    public void FindSlots_SpringForwardGap_NoSlotStartsInMissingHour(string zone)
    {
        var builder = ScheduleBuilder.AroundTheClock(zone);
        builder.Policy = builder.Policy with { SlotIntervalMinutes = 60 };
        var service = builder.AddService("Visit", 60);
        builder.AddStaff("Alice");
        var slots = Day(builder, service, SpringForward);
        var times = slots.Select(s => s.LocalTime.Hour).ToList();
        Assert.Equal([0, 1, .. Enumerable.Range(3, 20)], times); // 00:00, 01:00, 03:00 ... 22:00
        var beforeGap = slots[1];
        Assert.Equal(TimeSpan.FromHours(1), beforeGap.EndUtc - beforeGap.StartUtc); // 01:00 -> 03:00 on the wall, one real hour
        Assert.Equal(new TimeOnly(3, 0), BusinessTimeZone.ToLocal(zone, beforeGap.EndUtc).Time);
        Assert.Equal(slots[1].EndUtc, slots[2].StartUtc);
    }

    [Fact]
    public void FindSlots_SlotSpanningGap_LastsRealElapsedTime()
    {
        var builder = new ScheduleBuilder("America/Toronto").Open(DayOfWeek.Sunday, 0, 0, 6, 0);
        builder.Policy = builder.Policy with { SlotIntervalMinutes = 30 };
        var service = builder.AddService("Long", 90);
        builder.AddStaff("Alice");
        var slots = Day(builder, service, SpringForward);
        Assert.DoesNotContain(slots, s => s.LocalTime.Hour == 2);
        var oneAm = slots.Single(s => s.LocalTime == new TimeOnly(1, 0));
        Assert.Equal(Utc(2026, 3, 8, 6, 0), oneAm.StartUtc);
        Assert.Equal(Utc(2026, 3, 8, 7, 30), oneAm.EndUtc); // 03:30 EDT
        // 00:00 EST to 06:00 EDT is five real hours: starts every 30 minutes until 04:30.
        Assert.Equal(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30"], slots.Select(s => s.LocalTime.ToString("HH:mm")));
    }

    [Theory]
    [InlineData("America/Toronto", -4, -5)]
    [InlineData("America/Halifax", -3, -4)]
    [InlineData("America/St_Johns", -2.5, -3.5)]
    public void FindSlots_FallBackOverlap_OpenAroundTheClock_RepeatedHourGivesTwoSlots(string zone, double summer, double winter)
    {
        var builder = ScheduleBuilder.AroundTheClock(zone);
        builder.Policy = builder.Policy with { SlotIntervalMinutes = 60 };
        var service = builder.AddService("Visit", 60);
        builder.AddStaff("Alice");
        var slots = Day(builder, service, FallBack);
        Assert.Equal(24, slots.Count); // a 25-hour day, last start 22:00
        var oneAm = slots.Where(s => s.LocalTime == new TimeOnly(1, 0)).ToList();
        Assert.Equal(2, oneAm.Count);
        Assert.Equal(TimeSpan.FromHours(summer), oneAm[0].UtcOffset);
        Assert.Equal(TimeSpan.FromHours(winter), oneAm[1].UtcOffset);
        Assert.Equal(TimeSpan.FromHours(1), oneAm[1].StartUtc - oneAm[0].StartUtc);
        Assert.True(slots.Zip(slots.Skip(1)).All(p => p.First.EndUtc <= p.Second.StartUtc)); // chronological, never overlapping
    }

    [Fact]
    public void FindSlots_Vancouver2026_NoRepeatedHourUnderPermanentUtcMinus7()
    {
        var builder = ScheduleBuilder.AroundTheClock("America/Vancouver");
        builder.Policy = builder.Policy with { SlotIntervalMinutes = 60 };
        var service = builder.AddService("Visit", 60);
        builder.AddStaff("Alice");
        var slots = Day(builder, service, FallBack);
        Assert.Equal(23, slots.Count); // an ordinary 24-hour day, last start 22:00
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(-7), s.UtcOffset));
    }

    [Fact]
    public void FindSlots_FallBackOverlap_ClosingInsideRepeatedHour_WallClockDecides()
    {
        // Open 00:00-01:30 on the wall clock: 01:00-01:30 happens twice, so both are open; 00:xx only once.
        var builder = new ScheduleBuilder("America/Toronto").Open(DayOfWeek.Sunday, 0, 0, 1, 30);
        builder.Policy = builder.Policy with { SlotIntervalMinutes = 30 };
        var service = builder.AddService("Visit", 30);
        builder.AddStaff("Alice");
        var slots = Day(builder, service, FallBack);
        Assert.Equal([Utc(2026, 11, 1, 4, 0), Utc(2026, 11, 1, 4, 30), Utc(2026, 11, 1, 5, 0), Utc(2026, 11, 1, 6, 0)], slots.Select(s => s.StartUtc));
        // A 60-minute service at 01:00 EDT would run to 01:00 EST: the wall clock passes 01:30 (closing) first.
        var hour = builder.AddService("Hour", 60);
        // From 00:30 EDT it ends at 01:30 EDT, exactly at closing.
        Assert.Equal([Utc(2026, 11, 1, 4, 0), Utc(2026, 11, 1, 4, 30)], Day(builder, hour, FallBack).Select(s => s.StartUtc));
    }

    [Fact]
    public void FindSlots_FallBackOverlap_StaffBookedInFirstOccurrence_SecondStillFree()
    {
        var builder = ScheduleBuilder.AroundTheClock("America/Toronto");
        builder.Policy = builder.Policy with { SlotIntervalMinutes = 30 };
        var service = builder.AddService("Visit", 30);
        var alice = builder.AddStaff("Alice");
        builder.Book(alice, service, Utc(2026, 11, 1, 5, 30)); // 01:30 EDT
        var atOneThirty = Day(builder, service, FallBack).Where(s => s.LocalTime == new TimeOnly(1, 30)).ToList();
        Assert.Equal([Utc(2026, 11, 1, 6, 30)], atOneThirty.Select(s => s.StartUtc)); // 01:30 EST
    }

    [Theory]
    [InlineData("America/Toronto")]
    [InlineData("America/Halifax")]
    [InlineData("America/St_Johns")]
    [InlineData("America/Vancouver")]
    public void CheckSlot_LocalTimeInGap_DstGap(string zone)
    {
        var builder = ScheduleBuilder.AroundTheClock(zone);
        var service = builder.AddService("Visit", 30);
        builder.AddStaff("Alice");
        var result = AvailabilityEngine.CheckSlot(builder.Build(), new SlotQuery(service.Id, null, Utc(2026, 3, 1, 0)), SpringForward, new TimeOnly(2, 30));
        Assert.Equal(SlotUnavailableReason.DstGap, result.Reason);
        Assert.Equal(AvailabilityError.None, result.Error);
        Assert.False(result.IsBookable);
    }

    [Fact]
    public void CheckSlot_LocalTimeInOverlap_EarlierOccurrence()
    {
        var builder = ScheduleBuilder.AroundTheClock("America/St_Johns");
        var service = builder.AddService("Visit", 30);
        builder.AddStaff("Alice");
        var result = AvailabilityEngine.CheckSlot(builder.Build(), new SlotQuery(service.Id, null, Utc(2026, 10, 20, 0)), FallBack, new TimeOnly(1, 30));
        Assert.True(result.IsBookable);
        Assert.Equal(Utc(2026, 11, 1, 4, 0), result.Slot!.Value.StartUtc); // 01:30 NDT (UTC-2:30)
        Assert.Equal(TimeSpan.FromHours(-2.5), result.Slot.Value.UtcOffset);
    }

    [Fact]
    public void FindSlots_HalfHourZone_GridOnLocalQuarterHours()
    {
        var builder = ScheduleBuilder.WeekdaysWithLunch("America/St_Johns");
        var service = builder.AddService("Visit", 45);
        builder.AddStaff("Alice");
        var slots = Day(builder, service, new DateOnly(2026, 1, 12));
        Assert.Equal(Utc(2026, 1, 12, 12, 30), slots[0].StartUtc);
        Assert.All(slots, s => Assert.Equal(0, s.LocalTime.Minute % 15));
        Assert.Equal(new TimeOnly(16, 15), slots[^1].LocalTime);
    }

    [Fact]
    public void FindSlots_DailyLimit_CountsAppointmentsByLocalDayAcrossDst()
    {
        var builder = ScheduleBuilder.AroundTheClock("America/Toronto");
        builder.Policy = builder.Policy with { MaxAppointmentsPerStaffPerDay = 1 };
        var service = builder.AddService("Visit", 30);
        var alice = builder.AddStaff("Alice");
        builder.Book(alice, service, Utc(2026, 11, 2, 4, 30)); // 23:30 EST on Nov 1, the fall-back day
        Assert.Empty(Day(builder, service, FallBack));
        Assert.NotEmpty(Day(builder, service, FallBack.AddDays(1)));
    }
}
