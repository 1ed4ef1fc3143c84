using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>One row of the calls list. <see cref="StartedLocal"/> is in the business's time zone.</summary>
public sealed record CallListItem(
    Guid Id,
    DateTime StartedLocal,
    string ZoneAbbreviation,
    string Caller,
    string? CustomerName,
    Guid? CustomerId,
    int? DurationSeconds,
    string Language,
    CallOutcome Outcome,
    Guid? AppointmentId,
    bool IsTest,
    bool IsLive);
