using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Calls;

/// <summary>One line of a call's transcript: who spoke, what was said or heard, how sure the recogniser was.</summary>
public sealed class CallTurn : Entity, ITenantOwned
{
    public const int MaxTextLength = 2000;

    private CallTurn() { }

    internal CallTurn(Guid businessId, Guid callId, int sequence, Speaker speaker, string text, double? confidence, DateTime atUtc, int? latencyMs)
    {
        BusinessId = businessId;
        CallId = callId;
        Sequence = sequence;
        Speaker = speaker;
        Text = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        Confidence = confidence is null ? null : Math.Clamp(confidence.Value, 0, 1);
        AtUtc = atUtc;
        LatencyMs = latencyMs;
    }

    /// <summary>
    /// A transcript line when the call itself is not loaded (webhooks keep the sequence number in the live session,
    /// saving a round trip per turn).
    /// </summary>
    public static CallTurn Record(Guid businessId, Guid callId, int sequence, Speaker speaker, string text, double? confidence, DateTime atUtc, int? latencyMs = null) =>
        new(businessId, callId, sequence, speaker, text, confidence, atUtc, latencyMs);

    public Guid BusinessId { get; private set; }
    public Guid CallId { get; private set; }
    public int Sequence { get; private set; }
    public Speaker Speaker { get; private set; }
    public string Text { get; private set; } = "";
    public double? Confidence { get; private set; }
    public DateTime AtUtc { get; private set; }
    public int? LatencyMs { get; private set; }

    public bool IsLowConfidence => Confidence is < 0.5;

    public void Redact() => Text = "[redacted]";
}
