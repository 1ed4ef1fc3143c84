namespace VoiceFlow.Domain.Speech;

/// <summary>What the caller wants the receptionist to do.</summary>
public enum Intent
{
    Book,
    Reschedule,
    Cancel,
    Confirm,
    Hours,
    Human,
    Repeat,
    Goodbye,
}
