namespace VoiceFlow.Domain.Scheduling;

/// <summary>An instant as the business's wall clock shows it, with the UTC offset in force then.</summary>
public readonly record struct LocalMoment(DateOnly Date, TimeOnly Time, TimeSpan Offset);
