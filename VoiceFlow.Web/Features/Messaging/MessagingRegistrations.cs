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
}
