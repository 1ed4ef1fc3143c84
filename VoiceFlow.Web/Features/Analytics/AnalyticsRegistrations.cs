using Hangfire;
using Microsoft.Extensions.Options;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Features.Analytics;

/// <summary>Analytics: the page's service and the nightly roll-up job.</summary>
public static class AnalyticsRegistrations
{
    /// <summary>Shortly after midnight in most Canadian zones, and again during the day to catch late changes.</summary>
    public const string RollupJobId = "analytics-daily-rollup";

    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddScoped<DailyRollupJob>();
        return services;
    }

    /// <summary>
    /// The roll-up runs every hour at :15 (each business's "yesterday" closes at its own midnight; a run with nothing
    /// new to do only recomputes the last week), plus one catch-up run at start. Registered once the app has started, like the SMS jobs, and only when
    /// recurring jobs are on (<c>Messaging:RecurringJobs</c>).
    /// </summary>
    public static WebApplication UseAnalyticsJobs(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.RecurringJobs)
        {
            return app;
        }
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() =>
        {
            try
            {
                app.Services.GetRequiredService<IRecurringJobManager>()
                    .AddOrUpdate<DailyRollupJob>(RollupJobId, j => j.RunAsync(CancellationToken.None), "15 * * * *");
                // Catch up at start: fills any day missing since the last run (or all history, the first time).
                app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DailyRollupJob>(j => j.RunAsync(CancellationToken.None));
            }
            catch (Exception ex)
            {
                app.Logger.LogError(ex, "Could not register the analytics roll-up job");
            }
        }));
        return app;
    }
}
