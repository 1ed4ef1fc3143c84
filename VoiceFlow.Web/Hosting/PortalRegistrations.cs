using VoiceFlow.Web.Features.Appointments;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Businesses;
using VoiceFlow.Web.Features.Customers;
using VoiceFlow.Web.Features.Dashboard;

namespace VoiceFlow.Web.Hosting;

/// <summary>Services behind the portal's pages.</summary>
internal static class PortalRegistrations
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services)
    {
        services.AddScoped<CurrentBusiness>();
        services.AddScoped<DashboardService>();
        services.AddScoped<BookingService>();
        services.AddScoped<AppointmentsService>();
        services.AddScoped<CustomersService>();
        return services;
    }
}
