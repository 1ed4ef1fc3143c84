namespace VoiceFlow.Web.Features.Analytics;

/// <summary>Analytics: the roll-up job (scheduled in <see cref="Hosting.RecurringJobs"/>).</summary>
public static class AnalyticsRegistrations
{
    /// <summary>Shortly after midnight in most Canadian zones, and again during the day to catch late changes.</summary>
    public const string RollupJobId = "analytics-daily-rollup";

    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddScoped<DailyRollupJob>();
        return services;
    }
}
