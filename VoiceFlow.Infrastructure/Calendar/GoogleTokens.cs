namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>What the token endpoint returned: an access token, its expiry, and (first consent) a refresh token.</summary>
public sealed record GoogleTokens(string AccessToken, string? RefreshToken, DateTime ExpiresUtc);
