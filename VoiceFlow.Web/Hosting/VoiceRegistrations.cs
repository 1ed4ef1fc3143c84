using Microsoft.Extensions.Options;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Calls;
using VoiceFlow.Web.Voice;

namespace VoiceFlow.Web.Hosting;

/// <summary>Twilio voice and messaging: options, webhooks' services.</summary>
internal static class VoiceRegistrations
{
    public static IServiceCollection AddVoiceFeatures(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();
        services.AddSingleton<TwilioSignature>();
        services.AddMemoryCache();
        services.AddSingleton<BusinessProfileCache>();
        services.AddSingleton<BookedTimesCache>();
        services.AddSingleton<LiveCallNotifier>();
        services.AddSingleton<RecentCallSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveCallNotifier>());
        services.AddScoped<ConversationCommandExecutor>();
        services.AddScoped<CallConversationService>();
        services.AddTransient<SimulatedCall>();
        return services;
    }

    public static IEndpointRouteBuilder MapVoiceEndpoints(this IEndpointRouteBuilder endpoints) => endpoints.MapVoiceWebhooks();
}
