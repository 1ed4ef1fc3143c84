namespace VoiceFlow.Web.Features.Messaging;

/// <summary>How SMS delivery runs (<c>Messaging:*</c>).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Run the in-process loop that plans reminders and sends due SMS every <see cref="PollInterval"/>. Tests switch it off and run the jobs by hand.</summary>
    public bool BackgroundDelivery { get; set; } = true;

    /// <summary>Register the Hangfire recurring jobs (every minute), the durable safety net behind the loop.</summary>
    public bool RecurringJobs { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a claimed row stays invisible to other senders. Longer than the HTTP timeout, so a slow send is never claimed twice.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    public int BatchSize { get; set; } = 50;

    /// <summary>The public base URL for Twilio's status callbacks; falls back to <c>Twilio:PublicBaseUrl</c>; none means no callback.</summary>
    public Uri? StatusCallbackBaseUrl { get; set; }
}
