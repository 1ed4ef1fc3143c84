namespace VoiceFlow.Domain.Calls;

public enum CallOutcome
{
    InProgress,
    Booked,
    Rescheduled,
    Cancelled,
    Information,
    Transferred,
    Voicemail,
    Abandoned,
    Failed,
}
