using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace VoiceFlow.Infrastructure.Identity;

/// <summary>Puts the user's business, display name and language into the sign-in cookie.</summary>
public sealed class VoiceFlowClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Roles.BusinessClaim, user.BusinessId.ToString()));
        identity.AddClaim(new Claim("vf:name", string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        identity.AddClaim(new Claim("vf:lang", user.PreferredLanguage));
        return identity;
    }
}
