using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Domain.Tests.Scheduling;

public class FindAlternativesTests
{
    private readonly ScheduleBuilder _builder = ScheduleBuilder.WeekdaysWithLunch();
    private readonly Service _cleaning;
    private readonly StaffMember _alice;

    public FindAlternativesTests()
    {
        _cleaning = _builder.AddService("Cleaning", 30);
        _alice = _builder.AddStaff("Alice");
    }

    private DateTime At(int hour, int minute = 0, int dayOffset = 0) => _builder.Local(2026, 6, 15 + dayOffset, hour, minute);

    private AvailabilityResult Alternatives(DateTime desired, int max = 2) =>
        AvailabilityEngine.FindAlternatives(_builder.Build(), new SlotQuery(_cleaning.Id, null, At(12, 0, -3)), desired, max);

    [Fact]
    public void FindAlternatives_Taken_ClosestOnSameDay()
    {
        _builder.Busy(_alice, At(14), At(15, 30));
        var result = Alternatives(At(15));
        Assert.Equal([At(15, 30), At(15, 45)], result.Slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void FindAlternatives_EqualDistance_EarlierFirst()
    {
        _builder.Busy(_alice, At(14, 45), At(15, 15));
        var result = Alternatives(At(14, 45), 3);
        Assert.Equal([At(14, 15), At(15, 15), At(14)], result.Slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void FindAlternatives_DayFull_EarliestOnFollowingDays()
    {
        _builder.Busy(_alice, At(8), At(18));
        _builder.Busy(_alice, At(9), At(10, 0, 1));
        var result = Alternatives(At(15));
        Assert.Equal([At(10, 0, 1), At(10, 15, 1)], result.Slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void FindAlternatives_FewLeftToday_FillsFromNextDays()
    {
        _builder.Busy(_alice, At(8), At(16, 30));
        var result = Alternatives(At(15), 3);
        Assert.Equal([At(16, 30), At(9, 0, 1), At(9, 15, 1)], result.Slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void FindAlternatives_DesiredFree_NotOfferedBack()
    {
        var result = Alternatives(At(15));
        Assert.Equal([At(14, 45), At(15, 15)], result.Slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void FindAlternatives_ClosedDay_NextOpenDay()
    {
        var result = Alternatives(At(11, 0, -1)); // Sunday
        Assert.Equal([At(9), At(9, 15)], result.Slots.Select(s => s.StartUtc));
    }

    [Fact]
    public void FindAlternatives_BadInput_Errors()
    {
        Assert.Equal(AvailabilityError.InvalidMaxResults, Alternatives(At(15), 0).Error);
        var unknown = AvailabilityEngine.FindAlternatives(_builder.Build(), new SlotQuery(Guid.NewGuid(), null, At(9, 0, -3)), At(15));
        Assert.Equal(AvailabilityError.UnknownService, unknown.Error);
    }

    [Fact]
    public void FindAlternatives_PastTheLoadedBookings_OffersNothingItCannotVouchFor()
    {
        // Monday the 15th is taken all day and so is Tuesday morning, but the bookings were loaded only until Tuesday
        // 12:00 UTC (8:00 in Toronto): Tuesday's were never read, so 9:00 on Tuesday would look free. It is not offered.
        _builder.Busy(_alice, At(9), At(17));
        _builder.Busy(_alice, At(9, 0, 1), At(12, 0, 1));
        var loadedUntil = new DateTime(2026, 6, 16, 12, 0, 0, DateTimeKind.Utc);
        var query = new SlotQuery(_cleaning.Id, null, At(12, 0, -3));

        var partial = AvailabilityEngine.FindAlternatives(_builder.BuildLoadedUntil(loadedUntil), query, At(10), 2);
        Assert.True(partial.IsSuccess);
        Assert.Empty(partial.Slots);

        var whole = AvailabilityEngine.FindAlternatives(_builder.BuildLoadedUntil(loadedUntil.AddDays(30)), query, At(10), 2);
        Assert.Equal([At(13, 0, 1), At(13, 15, 1)], whole.Slots.Select(s => s.StartUtc));
        Assert.Equal(whole.Slots.Select(s => s.StartUtc), AvailabilityEngine.FindAlternatives(_builder.Build(), query, At(10), 2).Slots.Select(s => s.StartUtc));
    }
}
