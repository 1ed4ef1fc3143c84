namespace VoiceFlow.Domain.Businesses;

/// <summary>Business-wide booking rules: slot grid, notice, horizon and a daily cap per staff member.</summary>
public sealed record BookingPolicy(
    int SlotIntervalMinutes,
    int MinimumNoticeMinutes,
    int MaximumDaysAhead,
    int? MaxAppointmentsPerStaffPerDay)
{
    public static BookingPolicy Default { get; } = new(15, 60, 90, null);
}
