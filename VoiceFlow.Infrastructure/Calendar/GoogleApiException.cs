using System.Net;

namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>A Calendar API call Google refused, with its status and Google's reason ("rateLimitExceeded", "notFound"...).</summary>
public sealed class GoogleApiException(HttpStatusCode status, string? reason, string message, TimeSpan? retryAfter = null)
    : Exception($"Google Calendar answered {(int)status} {reason}: {message}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Reason { get; } = reason;
    public string GoogleMessage { get; } = message;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Worth trying again later: rate limits (429, 403 rate reasons) and Google's own failures (5xx).</summary>
    public bool IsTransient => Status == HttpStatusCode.TooManyRequests || (int)Status >= 500 ||
                               (Status == HttpStatusCode.Forbidden && Reason is "rateLimitExceeded" or "userRateLimitExceeded" or "quotaExceeded");

    /// <summary>The sync token or the event is gone (410): start again from a full sync / treat as deleted.</summary>
    public bool IsGone => Status == HttpStatusCode.Gone;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;
}
