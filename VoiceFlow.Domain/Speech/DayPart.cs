namespace VoiceFlow.Domain.Speech;

/// <summary>A part of the day the caller named ("tomorrow morning", "jeudi après-midi").</summary>
internal enum DayPart
{
    None,
    Morning,
    Lunch,
    Afternoon,
    Evening,
    Night,
}
