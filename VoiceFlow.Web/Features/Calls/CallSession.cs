namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// The live state of one call in the session store (Redis): who, which business, how far the transcript is, and
/// the conversation engine's state. Small, so every webhook reads and writes it in one round trip each.
/// </summary>
public sealed class CallSession
{
    public Guid BusinessId { get; set; }
    public Guid CallId { get; set; }
    public string CallSid { get; set; } = "";
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public bool IsTest { get; set; }
    public DateTime StartedUtc { get; set; }
    public int TurnCount { get; set; }
    public string Language { get; set; } = "en-CA";
    public Guid? CustomerId { get; set; }
    public Guid? AppointmentId { get; set; }
    public string? Outcome { get; set; }
    public string? LastHeard { get; set; }
    public string Step { get; set; } = "";
    public string Conversation { get; set; } = "";
}
