using NodaTime;
using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// What the parser needs to know about the call to resolve what the caller said: the local "now" in the
/// business's time zone, the call's language, the opening window (for bare hours) and the service catalogue.
/// </summary>
/// <param name="Reference">The call's local date and time in the business's time zone.</param>
/// <param name="TimeZoneId">IANA zone id of the business, e.g. America/Toronto (informational: all resolution is local).</param>
/// <param name="Locale">"en-CA" or "fr-CA"; both languages are always understood, the locale breaks ties (numeric dates).</param>
public sealed record SpeechContext(LocalDateTime Reference, string TimeZoneId = "America/Toronto", string Locale = Language.English)
{
    /// <summary>Opening time used to pick am or pm for a bare hour ("at 3"). Default 9:00.</summary>
    public LocalTime Opens { get; init; } = new(9, 0);

    /// <summary>Closing time used to pick am or pm for a bare hour. Default 17:00.</summary>
    public LocalTime Closes { get; init; } = new(17, 0);

    /// <summary>The business's services, matched fuzzily against what the caller asks for.</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; init; } = [];

    /// <summary>True when the call is in French.</summary>
    public bool IsFrench => Locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase);

    /// <summary>A context for the given reference with default hours and no services.</summary>
    public static SpeechContext At(LocalDateTime reference, string locale = Language.English) =>
        new(reference, "America/Toronto", Language.Normalize(locale));
}
