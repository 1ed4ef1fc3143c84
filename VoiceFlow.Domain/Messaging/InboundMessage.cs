using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Messaging;

/// <summary>An SMS a customer (or anyone) sent to one of the business's numbers, kept for staff with what we made of it.</summary>
public sealed class InboundMessage : Entity, ITenantOwned
{
    public const int MaxBodyLength = 1600;

    private InboundMessage() { }

    public InboundMessage(Guid businessId, string? messageSid, string from, string to, string? body, DateTime receivedUtc, Guid? customerId, InboundIntent intent)
    {
        BusinessId = businessId;
        MessageSid = Clip(messageSid, 64);
        From = Clip(from, 48) ?? "";
        To = Clip(to, 48) ?? "";
        Body = Clip(body, MaxBodyLength) ?? "";
        ReceivedUtc = receivedUtc;
        CustomerId = customerId;
        Intent = intent;
    }

    public Guid BusinessId { get; private set; }
    public string? MessageSid { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime ReceivedUtc { get; private set; }
    public Guid? CustomerId { get; private set; }
    public InboundIntent Intent { get; private set; }
    /// <summary>The appointment the reply acted on (confirmed or cancelled), when there was one.</summary>
    public Guid? AppointmentId { get; private set; }
    /// <summary>What happened, in a few words, for staff ("appointment cancelled", "no upcoming appointment").</summary>
    public string? Outcome { get; private set; }
    /// <summary>Whether staff still have something to do (a call-back, a free-text message).</summary>
    public bool NeedsAttention { get; private set; }
    public DateTime? HandledUtc { get; private set; }

    public void RecordOutcome(string outcome, Guid? appointmentId, bool needsAttention)
    {
        Outcome = Clip(outcome, 200);
        AppointmentId = appointmentId;
        NeedsAttention = needsAttention;
    }

    public void MarkHandled(DateTime nowUtc)
    {
        NeedsAttention = false;
        HandledUtc = nowUtc;
    }

    private static string? Clip(string? value, int max) => value is null ? null : value.Length > max ? value[..max] : value;
}
