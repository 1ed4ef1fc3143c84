using VoiceFlow.Web.Features.Appointments;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Businesses;
using VoiceFlow.Web.Features.Calls;
using VoiceFlow.Web.Features.Customers;
using VoiceFlow.Web.Features.Dashboard;
using VoiceFlow.Web.Features.Settings;

namespace VoiceFlow.Web.Hosting;

/// <summary>Services behind the portal's pages.</summary>
internal static class PortalRegistrations
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<CurrentBusiness>();
        services.AddScoped<DashboardService>();
        services.AddScoped<BookingService>();
        services.AddScoped<Features.Analytics.AnalyticsService>();
        services.AddScoped<CallQueries>();
        services.AddScoped<SettingsAudit>();
        services.AddSingleton<SettingsChangeNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<SettingsChangeNotifier>());
        services.AddScoped<BusinessSettingsService>();
        services.AddScoped<HoursSettingsService>();
        services.AddScoped<ServiceSettingsService>();
        services.AddScoped<StaffSettingsService>();
        services.AddScoped<UserSettingsService>();
        services.AddScoped<AppointmentsService>();
        services.AddScoped<CustomersService>();
        services.AddScoped<Features.Audit.AuditQueries>();
        services.AddSingleton<AppointmentChangeNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<AppointmentChangeNotifier>());
        return services;
    }
}
