namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>The OAuth token endpoint refused the grant; <see cref="IsInvalidGrant"/> means the user must connect again.</summary>
public sealed class GoogleAuthorizationException(string error, string? description, Exception? inner = null)
    : Exception($"Google refused the authorization: {error} {description}", inner)
{
    public string Error { get; } = error;

    public bool IsInvalidGrant => Error == "invalid_grant";
}
