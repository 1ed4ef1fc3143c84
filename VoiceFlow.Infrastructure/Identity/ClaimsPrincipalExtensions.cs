using System.Security.Claims;

namespace VoiceFlow.Infrastructure.Identity;

public static class ClaimsPrincipalExtensions
{
    public static Guid? GetBusinessId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Roles.BusinessClaim), out var id) ? id : null;

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue("vf:name") ?? user.Identity?.Name ?? "";

    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
