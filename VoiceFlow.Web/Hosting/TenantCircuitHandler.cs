using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Web.Hosting;

/// <summary>For an interactive circuit, the tenant is the signed-in user's business, set before anything renders.</summary>
internal sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, CurrentTenant tenant) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (state.User.GetBusinessId() is { } businessId)
        {
            tenant.Set(businessId);
        }
        else
        {
            tenant.Clear();
        }
    }
}
