using System.Text.Json.Serialization;
using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Web.Api;

/// <summary>A call: when (UTC and the business's wall clock), who, how long, how it ended.</summary>
public sealed record CallDto(
    Guid Id,
    DateTime StartedUtc,
    DateTimeOffset StartedLocal,
    string Caller,
    Guid? CustomerId,
    string? CustomerName,
    int? DurationSeconds,
    string? Language,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CallOutcome>))] CallOutcome Outcome,
    Guid? AppointmentId,
    bool IsTest,
    bool IsLive,
    string? Summary = null);
