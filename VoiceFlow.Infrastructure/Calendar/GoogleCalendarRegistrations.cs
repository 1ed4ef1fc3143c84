using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace VoiceFlow.Infrastructure.Calendar;

public static class GoogleCalendarRegistrations
{
    /// <summary>Options, the token protector, the OAuth client and the Calendar client with quick retries (backoff + jitter).</summary>
    public static IServiceCollection AddGoogleCalendar(this IServiceCollection services)
    {
        services.AddOptions<GoogleOptions>().BindConfiguration(GoogleOptions.SectionName);
        services.AddSingleton<GoogleTokenProtector>();
        services.AddSingleton<GoogleOAuthClient>();
        services.AddHttpClient("google-oauth", http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient<GoogleCalendarClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("google-calendar", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<GoogleOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    // 408, 429, 5xx and transport errors; Retry-After is honoured, capped so a request never hangs long.
                    MaxRetryAttempts = Math.Max(1, settings.HttpRetries),
                    Delay = settings.HttpRetryDelay,
                    MaxDelay = settings.HttpRetryDelay * 8,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(settings.HttpTimeout);
            });
        return services;
    }
}
