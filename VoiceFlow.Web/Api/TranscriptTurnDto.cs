using System.Text.Json.Serialization;
using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Web.Api;

/// <summary>One turn of a call's transcript; the offset is seconds from the call's start.</summary>
public sealed record TranscriptTurnDto(
    int Sequence,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Speaker>))] Speaker Speaker,
    string Text,
    double OffsetSeconds,
    double? Confidence);
