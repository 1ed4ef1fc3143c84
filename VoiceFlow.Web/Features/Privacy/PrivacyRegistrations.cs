using Hangfire;

namespace VoiceFlow.Web.Features.Privacy;

/// <summary>Privacy: export and erasure for the portal, the daily retention job.</summary>
public static class PrivacyRegistrations
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<CustomerPrivacyService>();
        services.AddTransient<TranscriptRetentionJob>();
        return services;
    }

    /// <summary>
    /// The retention job, daily at 03:30 UTC. Hangfire's storage (PostgreSQL at scale) holds one recurring job by this id
    /// and a distributed lock per run, so however many instances register it, it runs once.
    /// </summary>
    public static WebApplication UsePrivacyJobs(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Privacy:RecurringJobs", true))
        {
            return app;
        }
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() =>
        {
            try
            {
                app.Services.GetRequiredService<IRecurringJobManager>()
                    .AddOrUpdate<TranscriptRetentionJob>(TranscriptRetentionJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "30 3 * * *");
            }
            catch (Exception ex)
            {
                app.Logger.LogError(ex, "Could not register the transcript retention job");
            }
        }));
        return app;
    }
}
