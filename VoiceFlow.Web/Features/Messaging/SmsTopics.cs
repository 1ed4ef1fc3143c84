namespace VoiceFlow.Web.Features.Messaging;

/// <summary>The outbox topics of customer SMS.</summary>
public static class SmsTopics
{
    public const string Confirmation = "sms.confirmation";
    public const string Rescheduled = "sms.rescheduled";
    public const string Cancelled = "sms.cancelled";
    public const string ReminderFirst = "sms.reminder.first";
    public const string ReminderSecond = "sms.reminder.second";
    public const string ReminderPrefix = "sms.reminder";
}
