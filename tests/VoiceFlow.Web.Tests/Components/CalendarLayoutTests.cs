using VoiceFlow.Domain.Appointments;
using VoiceFlow.Web.Features.Appointments;

namespace VoiceFlow.Web.Tests.Components;

public sealed class CalendarLayoutTests
{
    private static readonly DateTime Day = new(2026, 12, 2);

    internal static AppointmentItem Item(DateTime start, int minutes, string customer = "Marie Tremblay", Guid? staff = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), customer, Guid.NewGuid(), "Cleaning", "#2e7d6f", staff ?? Guid.NewGuid(), "Dr. Chen",
            start, start.AddMinutes(minutes), AppointmentStatus.Booked, AppointmentSource.Portal);

    [Fact]
    public void Geometry_HalfPastNineForAnHour_WithEightOpening_StartsOneAndAHalfHoursDown()
    {
        var (top, height) = CalendarLayout.Geometry(Day.AddHours(9.5), Day.AddHours(10.5), 8, 18);
        Assert.Equal(1.5 * CalendarLayout.HourHeightPx, top);
        Assert.Equal(CalendarLayout.HourHeightPx, height);
    }

    [Fact]
    public void Geometry_BeforeOpening_IsClippedToTheTop()
    {
        var (top, height) = CalendarLayout.Geometry(Day.AddHours(7), Day.AddHours(9), 8, 18);
        Assert.Equal(0, top);
        Assert.Equal(CalendarLayout.HourHeightPx, height);
    }

    [Fact]
    public void Place_OverlappingAppointments_ShareTheColumnInLanes_NonOverlappingTakeFullWidth()
    {
        var placed = CalendarLayout.Place([
            Item(Day.AddHours(9), 60, "A"),
            Item(Day.AddHours(9.5), 30, "B"),
            Item(Day.AddHours(14), 30, "C"),
        ], 8, 18);
        var byName = placed.ToDictionary(p => p.Item.CustomerName);
        Assert.Equal((0, 2), (byName["A"].Lane, byName["A"].LaneCount));
        Assert.Equal((1, 2), (byName["B"].Lane, byName["B"].LaneCount));
        Assert.Equal((0, 1), (byName["C"].Lane, byName["C"].LaneCount));
    }

    [Fact]
    public void VisibleHours_AppointmentOutsideOpeningHours_WidensTheGrid()
    {
        var hours = CalendarLayout.VisibleHours(9, 17, [Item(Day.AddHours(7.5), 30), Item(Day.AddHours(17.25), 60)]);
        Assert.Equal((7, 19), hours);
    }

    [Fact]
    public void StartOfWeek_IsMonday()
    {
        Assert.Equal(new DateOnly(2026, 11, 30), CalendarLayout.StartOfWeek(new DateOnly(2026, 12, 6)));  // Sunday
        Assert.Equal(new DateOnly(2026, 11, 30), CalendarLayout.StartOfWeek(new DateOnly(2026, 11, 30))); // Monday
    }
}
