using NodaTime;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// A date and/or time the caller said, resolved against the call's local "now".
/// </summary>
/// <param name="Date">The day that was said (resolved to the next future one), or null when no day was said.</param>
/// <param name="Time">The time of day that was said, or null when none was said.</param>
/// <param name="DateTime">The first future local moment matching what was said, when a time of day was said; else null.</param>
/// <param name="Earliest">Lower bound from "after 4", "afternoon"...; null when none.</param>
/// <param name="Latest">Upper bound from "before lunch", "morning"...; null when none.</param>
/// <param name="Said">What was understood, phrased for read-back in the call's language.</param>
/// <param name="HasSeconds">True when seconds were said ("7:56:30").</param>
public sealed record DateTimeResult(
    LocalDate? Date,
    LocalTime? Time,
    LocalDateTime? DateTime,
    LocalTime? Earliest,
    LocalTime? Latest,
    string Said,
    bool HasSeconds = false);
