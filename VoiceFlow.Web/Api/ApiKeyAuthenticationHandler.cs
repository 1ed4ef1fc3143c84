using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Web.Features.ApiKeys;

namespace VoiceFlow.Web.Api;

/// <summary>Authenticates server-to-server calls by the <c>X-Api-Key</c> header: the key's business becomes the tenant.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    /// <summary>Claim carrying the key's id on an API-key principal.</summary>
    public const string KeyIdClaim = "vf:apikey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }
        var identity = values.Count == 1 ? await keys.AuthenticateAsync(values[0], Context.RequestAborted) : null;
        if (identity is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        var claims = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "apikey:" + identity.KeyId),
            new Claim(ClaimTypes.Name, identity.Name),
            new Claim(Roles.BusinessClaim, identity.BusinessId.ToString()),
            new Claim(KeyIdClaim, identity.KeyId.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(claims), SchemeName));
    }
}
