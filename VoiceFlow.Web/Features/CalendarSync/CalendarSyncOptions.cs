namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>Cadence and limits of the calendar push and pull (<c>CalendarSync:*</c>).</summary>
public sealed class CalendarSyncOptions
{
    public const string SectionName = "CalendarSync";

    /// <summary>The in-process loop that pushes outbox rows every <see cref="PollInterval"/> (tests run jobs by hand).</summary>
    public bool BackgroundDelivery { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Register the Hangfire recurring jobs (push every minute, pull sweep every minute).</summary>
    public bool RecurringJobs { get; set; } = true;

    /// <summary>How often each connection is pulled when no push notification arrives, before jitter.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Up to this much more, derived from the connection id, so connections do not all hit Google at once.</summary>
    public TimeSpan SyncJitter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>A first (or 410-forced) full sync reads events from this long ago onwards.</summary>
    public TimeSpan FullSyncLookBack { get; set; } = TimeSpan.FromDays(7);

    public int BatchSize { get; set; } = 50;

    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive transient failures of one connection that open its circuit, and how long it stays open.</summary>
    public int BreakAfterFailures { get; set; } = 3;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a push channel (events.watch) lives; renewed a day before it ends.</summary>
    public TimeSpan ChannelTtl { get; set; } = TimeSpan.FromDays(7);
}
