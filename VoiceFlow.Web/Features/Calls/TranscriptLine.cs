using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>One turn of a transcript as the portal shows it: offset from the call's start, who, what, how sure.</summary>
public sealed record TranscriptLine(int Sequence, Speaker Speaker, string Text, TimeSpan Offset, double? Confidence, int? LatencyMs)
{
    /// <summary>Same rule as <see cref="CallTurn.IsLowConfidence"/>.</summary>
    public bool IsLowConfidence => Confidence is < 0.5;
}
