namespace VoiceFlow.Web.Features.Appointments;

/// <summary>A column of the calendar grid: a day (week view) or a staff member on one day (day view).</summary>
public sealed record CalendarColumn(string Title, string? Subtitle, DateOnly Date, Guid? StaffMemberId, bool IsToday)
{
    public bool Holds(AppointmentItem item) =>
        DateOnly.FromDateTime(item.StartLocal) == Date && (StaffMemberId is null || StaffMemberId == item.StaffMemberId);
}
