using Hangfire;
using Microsoft.Extensions.Options;
using VoiceFlow.Web.Messaging;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>SMS: options, the Twilio Messaging client, jobs, webhooks.</summary>
public static class MessagingRegistrations
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateOnStart();
        services.AddHttpClient<TwilioMessagingClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<SmsDeliveryJob>();
        services.AddScoped<ReminderPlannerJob>();
        services.AddScoped<SmsReplyService>();
        services.AddScoped<SmsStatusRecorder>();
        services.AddHostedService<SmsDispatchLoop>();
        return services;
    }

    public static IEndpointRouteBuilder MapSmsWebhooks(this IEndpointRouteBuilder endpoints) => SmsEndpoints.Map(endpoints);

    /// <summary>
    /// Recurring jobs every minute: they only look for what is due, so losing Hangfire's store loses nothing. Registered
    /// once the app has started (the database checks have passed), so an unreachable database still stops start-up with
    /// its own clear message instead of hanging in Hangfire's storage.
    /// </summary>
    public static WebApplication UseMessagingJobs(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.RecurringJobs)
        {
            return app;
        }
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() =>
        {
            try
            {
                var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
                jobs.AddOrUpdate<ReminderPlannerJob>("sms-reminder-planner", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
                jobs.AddOrUpdate<SmsDeliveryJob>("sms-delivery", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
            }
            catch (Exception ex)
            {
                app.Logger.LogError(ex, "Could not register the SMS recurring jobs; the in-process loop still sends");
            }
        }));
        return app;
    }
}
