namespace VoiceFlow.Web.Features.Operations;

/// <summary>Everything the admin page shows about the platform.</summary>
public sealed record PlatformStatus(
    IReadOnlyList<BusinessHealth> Businesses,
    IReadOnlyList<WebhookMinute> Webhooks,
    WebhookMinute WebhookSummary,
    JobQueueStatus Jobs,
    IReadOnlyList<DependencyStatus> Dependencies,
    IReadOnlyList<RecentError> Errors);

/// <summary>One business: last week's volume and the signs that something needs attention.</summary>
public sealed record BusinessHealth(
    Guid Id, string Name, int Calls7Days, int Appointments7Days, DateTime? LastCallUtc, int FailedCalls7Days, int FailedOutbox,
    string? CalendarStatus);

public sealed record JobQueueStatus(long Enqueued, long Scheduled, long Processing, long Succeeded, long Failed, long Servers, long Recurring,
    IReadOnlyList<FailedJob> RecentFailures, string? Error);

public sealed record FailedJob(string Id, string Job, DateTime? FailedUtc, string? Reason);

/// <summary>A dependency (database, session store) as checked just now.</summary>
public sealed record DependencyStatus(string Name, string Kind, bool Healthy, double Milliseconds, string? Detail);
