namespace VoiceFlow.Web.Features.Privacy;

/// <summary>Privacy: export and erasure for the portal, the daily retention job (scheduled in <see cref="Hosting.RecurringJobs"/>).</summary>
public static class PrivacyRegistrations
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<CustomerPrivacyService>();
        services.AddTransient<TranscriptRetentionJob>();
        return services;
    }
}
