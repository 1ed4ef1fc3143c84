using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Infrastructure.Calendar;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// Access tokens per connection, refreshed from the encrypted refresh token when missing or within a minute of
/// expiry and kept in memory only. <c>invalid_grant</c> (revoked, expired, password changed) marks the connection as
/// needing reconnection, which the dashboard and the Calendar tab show; everything else keeps working.
/// </summary>
public sealed class CalendarAccessTokens(DatabaseOptionsHolder database, GoogleOAuthClient oauth, GoogleTokenProtector protector, TimeProvider time, ILogger<CalendarAccessTokens> logger)
{
    private readonly ConcurrentDictionary<Guid, GoogleTokens> _cache = new();

    public async Task<string> GetAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_cache.TryGetValue(connectionId, out var cached) && cached.ExpiresUtc > now.AddMinutes(1))
        {
            return cached.AccessToken;
        }
        await using var db = database.Create(tenant: null);
        var connection = await db.CalendarConnections.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is not { Status: CalendarConnectionStatus.Connected } || connection.ProtectedRefreshToken.Length == 0)
        {
            throw new CalendarNeedsReconnectionException(connectionId, "The Google account is not connected.");
        }
        string refreshToken;
        try
        {
            refreshToken = protector.Unprotect(connection.ProtectedRefreshToken);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // Keys lost or rotated away: the only way forward is a new consent.
            logger.LogWarning(ex, "The refresh token of calendar connection {ConnectionId} cannot be decrypted", connectionId);
            connection.MarkNeedsReconnection("The stored Google authorization cannot be read any more. Connect Google Calendar again.");
            await db.SaveChangesAsync(CancellationToken.None);
            throw new CalendarNeedsReconnectionException(connectionId, "The stored refresh token cannot be decrypted.");
        }
        try
        {
            var tokens = await oauth.RefreshAsync(refreshToken, cancellationToken);
            _cache[connectionId] = tokens;
            return tokens.AccessToken;
        }
        catch (GoogleAuthorizationException ex) when (ex.IsInvalidGrant)
        {
            logger.LogWarning("Google refused the refresh token of calendar connection {ConnectionId}: {Error}", connectionId, ex.Message);
            connection.MarkNeedsReconnection("Google no longer accepts VoiceFlow's access (the permission was removed or expired). Connect Google Calendar again.");
            await db.SaveChangesAsync(CancellationToken.None);
            throw new CalendarNeedsReconnectionException(connectionId, ex.Message);
        }
    }

    /// <summary>A 401 from the API: the cached token is no good, fetch a fresh one next time.</summary>
    public void Forget(Guid connectionId) => _cache.TryRemove(connectionId, out _);
}
