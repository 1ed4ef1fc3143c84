namespace VoiceFlow.Web.Api;

/// <summary>A call with its summary, the appointment it produced and its transcript.</summary>
public sealed record CallDetailDto(CallDto Call, string? FailureReason, string? RecordingUrl, IReadOnlyList<TranscriptTurnDto> Transcript);
