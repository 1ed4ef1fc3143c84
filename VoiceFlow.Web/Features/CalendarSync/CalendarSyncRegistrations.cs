using VoiceFlow.Infrastructure.Calendar;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>Google Calendar sync: options, clients, jobs, the connect flow and its endpoints.</summary>
public static class CalendarSyncRegistrations
{
    public static IServiceCollection AddCalendarSync(this IServiceCollection services)
    {
        services.AddGoogleCalendar();
        services.AddOptions<CalendarSyncOptions>().BindConfiguration(CalendarSyncOptions.SectionName);
        services.AddSingleton<CalendarAccessTokens>();
        services.AddSingleton<CalendarCircuitBreakers>();
        services.AddScoped<CalendarPushJob>();
        services.AddScoped<CalendarSyncJob>();
        services.AddScoped<CalendarConnectionService>();
        services.AddHostedService<CalendarDispatchLoop>();
        return services;
    }
}
