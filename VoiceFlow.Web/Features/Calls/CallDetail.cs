using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>A call with its summary, the booking it produced and its transcript. Times are business-local.</summary>
public sealed record CallDetail(
    Guid Id,
    string Caller,
    string? CustomerName,
    Guid? CustomerId,
    DateTime StartedLocal,
    string ZoneAbbreviation,
    int? DurationSeconds,
    string Language,
    CallOutcome Outcome,
    string? Summary,
    string? RecordingUrl,
    string? FailureReason,
    bool IsTest,
    bool IsLive,
    CallBooking? Booking,
    IReadOnlyList<TranscriptLine> Transcript);
