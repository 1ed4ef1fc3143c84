namespace VoiceFlow.Domain.Businesses;

/// <summary>When reminders go out, and the night-time window in which no SMS is sent.</summary>
public sealed record ReminderPolicy(
    bool Enabled,
    int FirstReminderHours,
    int? SecondReminderHours,
    TimeOnly QuietHoursStart,
    TimeOnly QuietHoursEnd)
{
    public static ReminderPolicy Default { get; } = new(true, 24, 2, new TimeOnly(21, 0), new TimeOnly(8, 0));
}
