using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Web.Features.Analytics;
using VoiceFlow.Web.Features.CalendarSync;
using VoiceFlow.Web.Features.Messaging;
using VoiceFlow.Web.Features.Privacy;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// Every Hangfire recurring job, in one place, and the dashboard at <c>/admin/jobs</c> (platform admins only).
/// Jobs only look for what is due, so losing Hangfire's store loses nothing. They are registered once the app has
/// started (the database checks have passed), so an unreachable database still stops start-up with its own message.
/// </summary>
public static class RecurringJobs
{
    public const string DashboardPath = "/admin/jobs";

    public static WebApplication UseRecurringJobs(this WebApplication app)
    {
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new PlatformAdminDashboardFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/admin",
            DashboardTitle = "VoiceFlow jobs",
        });

        var messaging = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.RecurringJobs;
        var calendar = app.Services.GetRequiredService<IOptions<CalendarSyncOptions>>().Value.RecurringJobs;
        var privacy = app.Configuration.GetValue("Privacy:RecurringJobs", true);
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() =>
        {
            try
            {
                var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
                if (messaging)
                {
                    jobs.AddOrUpdate<ReminderPlannerJob>("sms-reminder-planner", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
                    jobs.AddOrUpdate<SmsDeliveryJob>("sms-delivery", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
                }
                if (messaging)
                {
                    // Hourly: redoes the last closed days (late completions and no-shows) and fills any missing day.
                    jobs.AddOrUpdate<DailyRollupJob>(AnalyticsRegistrations.RollupJobId, j => j.RunAsync(CancellationToken.None), "15 * * * *");
                    // Catch up at start: fills any day missing since the last run (or all history, the first time).
                    app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<DailyRollupJob>(j => j.RunAsync(CancellationToken.None));
                }
                if (privacy)
                {
                    // Daily at 03:30 UTC. One recurring job by this id in Hangfire's storage and a distributed lock per
                    // run: however many instances register it, it runs once.
                    jobs.AddOrUpdate<TranscriptRetentionJob>(TranscriptRetentionJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "30 3 * * *");
                }
                if (calendar)
                {
                    // Every minute; each connection's own (jittered) interval decides whether it is pulled this time.
                    jobs.AddOrUpdate<CalendarPushJob>("calendar-push", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
                    jobs.AddOrUpdate<CalendarSyncJob>("calendar-sync", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
                }
            }
            catch (Exception ex)
            {
                app.Logger.LogError(ex, "Could not register the recurring jobs; the in-process loops still deliver");
            }
        }));
        return app;
    }

    /// <summary>The dashboard shows every tenant's jobs: platform admins only (signed in with the portal cookie).</summary>
    private sealed class PlatformAdminDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.PlatformAdmin);
        }
    }
}
