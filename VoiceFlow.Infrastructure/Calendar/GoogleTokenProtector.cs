using Microsoft.AspNetCore.DataProtection;

namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>Refresh tokens at rest: Data Protection with a purpose of their own (keys in the database or Redis).</summary>
public sealed class GoogleTokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _tokens = provider.CreateProtector("VoiceFlow.Calendar.RefreshToken.v1");

    public string Protect(string refreshToken) => _tokens.Protect(refreshToken);

    public string Unprotect(string protectedToken) => _tokens.Unprotect(protectedToken);
}
