namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>Google OAuth client and the Calendar endpoints (<c>Google:*</c>). The base URLs exist so tests can point them at a fake.</summary>
public sealed class GoogleOptions
{
    public const string SectionName = "Google";
    public const string CalendarScope = "https://www.googleapis.com/auth/calendar";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The consent page the owner is sent to.</summary>
    public Uri AuthUrl { get; set; } = new("https://accounts.google.com/o/oauth2/v2/auth");

    public Uri TokenUrl { get; set; } = new("https://oauth2.googleapis.com/token");

    public Uri RevokeUrl { get; set; } = new("https://oauth2.googleapis.com/revoke");

    /// <summary>Base of the Calendar v3 REST API (".../calendar/v3/" is appended).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://www.googleapis.com/");

    /// <summary>Where Google posts push notifications (https, reachable from the internet); none: polling only.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Quick retries inside one request (429/5xx); the outbox does the long-scale backoff.</summary>
    public int HttpRetries { get; set; } = 3;

    public TimeSpan HttpRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
