namespace VoiceFlow.Web.Features.Messaging;

/// <summary>What to answer an inbound SMS with: a message in the customer's language, or nothing.</summary>
public sealed record SmsReply(string? Message)
{
    public static SmsReply None { get; } = new((string?)null);
}
