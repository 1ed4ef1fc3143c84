using System.ComponentModel.DataAnnotations;

namespace VoiceFlow.Web.Hosting;

/// <summary>Request budgets per minute: sign-in per client IP, the API per key or user, Twilio webhooks per business number.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 10;

    [Range(1, 1_000_000)]
    public int ApiPerMinute { get; set; } = 300;

    /// <summary>Generous on purpose: 200 concurrent calls without think time stay far below it.</summary>
    [Range(1, 10_000_000)]
    public int WebhookPerNumberPerMinute { get; set; } = 300_000;
}
