using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Requests;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Util;
using Microsoft.Extensions.Options;

namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>
/// The OAuth 2.0 authorization code flow through Google.Apis.Auth, against the configured endpoints: the consent URL
/// (offline access, consent prompt, calendar scope), code exchange, refresh, and revoke (Google's revoke endpoint,
/// posted directly). Nothing is stored here.
/// </summary>
public sealed class GoogleOAuthClient(IOptionsMonitor<GoogleOptions> options, TimeProvider time, IHttpClientFactory httpClients)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public Uri AuthorizationUrl(Uri redirectUri, string state)
    {
        var settings = Settings();
        return new GoogleAuthorizationCodeRequestUrl(settings.AuthUrl)
        {
            ClientId = settings.ClientId,
            Scope = GoogleOptions.CalendarScope,
            RedirectUri = redirectUri.ToString(),
            State = state,
            AccessType = "offline",
            Prompt = "consent",
        }.Build();
    }

    public async Task<GoogleTokens> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken)
    {
        using var flow = CreateFlow();
        var response = await CallAsync(() => flow.ExchangeCodeForTokenAsync("voiceflow", code, redirectUri.ToString(), cancellationToken));
        return ToTokens(response);
    }

    public async Task<GoogleTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var flow = CreateFlow();
        var response = await CallAsync(() => flow.RefreshTokenAsync("voiceflow", refreshToken, cancellationToken));
        return ToTokens(response);
    }

    /// <summary>Revokes the grant (a refresh token revokes its access tokens too). An already invalid token counts as revoked.</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient("google-oauth");
        using var content = new FormUrlEncodedContent([new("token", token)]);
        using var response = await http.PostAsync(Settings().RevokeUrl, content, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.BadRequest)
        {
            throw new GoogleAuthorizationException("revoke_failed", $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private static async Task<TokenResponse> CallAsync(Func<Task<TokenResponse>> call)
    {
        try
        {
            return await call();
        }
        catch (TokenResponseException ex)
        {
            throw new GoogleAuthorizationException(ex.Error?.Error ?? "unknown_error", ex.Error?.ErrorDescription, ex);
        }
    }

    private GoogleTokens ToTokens(TokenResponse response)
    {
        var issued = time.GetUtcNow().UtcDateTime;
        return new GoogleTokens(response.AccessToken, response.RefreshToken, issued.AddSeconds(response.ExpiresInSeconds ?? 3600));
    }

    private GoogleOptions Settings()
    {
        var settings = options.CurrentValue;
        return settings.IsConfigured
            ? settings
            : throw new InvalidOperationException("Google is not configured: set Google:ClientId and Google:ClientSecret.");
    }

    private AuthorizationCodeFlow CreateFlow()
    {
        var settings = Settings();
        return new AuthorizationCodeFlow(new AuthorizationCodeFlow.Initializer(settings.AuthUrl.ToString(), settings.TokenUrl.ToString())
        {
            ClientSecrets = new ClientSecrets { ClientId = settings.ClientId, ClientSecret = settings.ClientSecret },
            Scopes = [GoogleOptions.CalendarScope],
            Clock = new Clock(time),
        });
    }

    private sealed class Clock(TimeProvider time) : IClock
    {
        public DateTime Now => time.GetLocalNow().DateTime;
        public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
    }
}
