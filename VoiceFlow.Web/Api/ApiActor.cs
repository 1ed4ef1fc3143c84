using System.Security.Claims;
using VoiceFlow.Infrastructure.Identity;

namespace VoiceFlow.Web.Api;

/// <summary>Who an API call is, as the audit log names it: "api:{keyId}" for a key, "user:{id}" for a bearer token.</summary>
internal static class ApiActor
{
    public static string Of(ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) is { } keyId ? "api:" + keyId : "user:" + user.GetUserId();
}
