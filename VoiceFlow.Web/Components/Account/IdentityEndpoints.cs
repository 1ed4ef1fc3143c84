using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VoiceFlow.Infrastructure.Identity;

namespace VoiceFlow.Web.Components.Account;

/// <summary>Account endpoints that are not pages: sign-out (a POST with antiforgery).</summary>
internal static class IdentityEndpoints
{
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account").ExcludeFromDescription();
        account.MapPost("/Logout", async (SignInManager<ApplicationUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(string.IsNullOrEmpty(returnUrl) ? "/Account/Login" : "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        });
        return account;
    }
}
