namespace VoiceFlow.Web.Features.Messaging;

public enum SmsSendOutcome
{
    Accepted,
    RetryLater,
    Rejected,
    Unsubscribed,
}

/// <summary>What Twilio said about one message.</summary>
public sealed record SmsSendResult(SmsSendOutcome Outcome, string? Sid = null, string? Error = null, TimeSpan? RetryAfter = null);
