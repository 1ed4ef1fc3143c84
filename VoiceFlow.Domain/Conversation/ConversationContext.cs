using NodaTime;

namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// What the receptionist knows about the world for one step of a call, loaded by the app for each webhook:
/// the business, its services and hours, the local time, and the caller if recognised by phone number.
/// </summary>
public sealed record ConversationContext
{
    public required string BusinessName { get; init; }

    /// <summary>"en-CA" or "fr-CA": the language the call starts in.</summary>
    public required string DefaultLanguage { get; init; }

    public required string TimeZoneId { get; init; }

    /// <summary>Now, on the business's wall clock.</summary>
    public required LocalDateTime Now { get; init; }

    public required IReadOnlyList<ServiceOption> Services { get; init; }

    /// <summary>Weekly opening hours, for answering "when are you open?" and for understanding bare hours.</summary>
    public required IReadOnlyList<OpeningHours> Hours { get; init; }

    /// <summary>Whether staff can take a transfer right now (open, and a transfer number is set).</summary>
    public bool CanTransfer { get; init; }

    public bool IsOpenNow { get; init; }

    public string? Address { get; init; }

    /// <summary>The caller's number in E.164 (null when withheld).</summary>
    public string? CallerPhone { get; init; }

    /// <summary>Set when the caller's number matches a customer of the business.</summary>
    public KnownCaller? Caller { get; init; }

    /// <summary>Per-business wording that replaces the default prompts, keyed by prompt id and language ("greeting.en-CA").</summary>
    public IReadOnlyDictionary<string, string> PromptOverrides { get; init; } = new Dictionary<string, string>();
}

/// <summary>A bookable service as the receptionist names it.</summary>
public sealed record ServiceOption(Guid Id, string Name, string? NameFr, IReadOnlyList<string> Synonyms, int DurationMinutes);

/// <summary>One open interval of a weekday (several per day when there is a break).</summary>
public sealed record OpeningHours(IsoDayOfWeek Day, LocalTime Opens, LocalTime Closes);

/// <summary>A customer recognised by phone number, with their upcoming appointments (soonest first).</summary>
public sealed record KnownCaller(Guid CustomerId, string Name, string? Language, IReadOnlyList<UpcomingAppointment> Upcoming);

public sealed record UpcomingAppointment(Guid AppointmentId, Guid ServiceId, string ServiceName, LocalDateTime Start);
