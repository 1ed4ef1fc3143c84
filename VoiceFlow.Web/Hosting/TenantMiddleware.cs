using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Web.Hosting;

/// <summary>For portal and API requests, the tenant is the signed-in user's business.</summary>
internal sealed class TenantMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentTenant tenant)
    {
        if (context.User.GetBusinessId() is { } businessId)
        {
            tenant.Set(businessId);
        }
        return next(context);
    }
}
