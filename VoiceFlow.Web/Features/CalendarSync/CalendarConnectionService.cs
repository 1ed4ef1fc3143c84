using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Calendar;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// The owner's side of the Google connection for the current business: start and finish the consent, choose a
/// calendar per staff member, see the state, disconnect. Connecting again (or mapping a calendar) re-pushes future
/// appointments; event ids derived from appointment ids make that an update, never a duplicate.
/// </summary>
public sealed class CalendarConnectionService(
    IDbContextFactory<VoiceFlowDbContext> contexts, GoogleOAuthClient oauth, GoogleCalendarClient google, GoogleTokenProtector tokenProtector,
    CalendarAccessTokens tokens, IDataProtectionProvider dataProtection, TimeProvider time, ILogger<CalendarConnectionService> logger)
{
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(15);

    private ITimeLimitedDataProtector StateProtector => dataProtection.CreateProtector("VoiceFlow.Calendar.OAuthState.v1").ToTimeLimitedDataProtector();

    public bool IsConfigured => oauth.IsConfigured;

    public async Task<CalendarConnectionState> GetStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.CalendarConnections.AsNoTracking()
            .Where(c => c.Status != CalendarConnectionStatus.Disconnected).OrderByDescending(c => c.ConnectedUtc).FirstOrDefaultAsync(cancellationToken);
        var mappings = connection is null ? [] : await db.CalendarMappings.AsNoTracking().Where(m => m.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var since = time.GetUtcNow().UtcDateTime.AddDays(-14);
        var failed = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == OutboxKind.CalendarPush && m.Status == OutboxStatus.Failed && m.CreatedUtc > since)
            .OrderByDescending(m => m.CreatedUtc).Take(10)
            .Select(m => new FailedPush(m.AppointmentId, m.LastError ?? "", m.CreatedUtc)).ToListAsync(cancellationToken);
        var pending = await db.OutboxMessages.CountAsync(m => m.Kind == OutboxKind.CalendarPush && m.Status == OutboxStatus.Pending, cancellationToken);
        return new CalendarConnectionState(oauth.IsConfigured, connection?.Id, connection?.AccountEmail, connection?.Status, connection?.LastSyncUtc, connection?.LastError,
            staff.Select(s => new StaffCalendar(s.Id, s.Name, mappings.FirstOrDefault(m => m.StaffMemberId == s.Id)?.CalendarId)).ToList(), failed, pending);
    }

    /// <summary>Google's consent URL; the state names the business and expires in 15 minutes.</summary>
    public Uri BeginConnect(Guid businessId, string userId, Uri redirectUri)
    {
        var state = StateProtector.Protect(JsonSerializer.Serialize(new ConnectState(businessId, userId)), StateLifetime);
        return oauth.AuthorizationUrl(redirectUri, state);
    }

    /// <summary>Reads a state back; null when it was tampered with, expired, or made for another business.</summary>
    public Guid? ReadState(string state, Guid businessId)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<ConnectState>(StateProtector.Unprotect(state));
            return parsed?.BusinessId == businessId ? parsed.BusinessId : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Exchanges the code, stores the refresh token encrypted, and re-pushes future appointments of mapped staff.</summary>
    public async Task<string?> CompleteConnectAsync(Guid businessId, string code, Uri redirectUri, string actor, CancellationToken cancellationToken = default)
    {
        var granted = await oauth.ExchangeCodeAsync(code, redirectUri, cancellationToken);
        if (string.IsNullOrEmpty(granted.RefreshToken))
        {
            return "Google did not grant offline access. Remove VoiceFlow from your Google account's third-party access and connect again.";
        }
        var calendars = await google.ListCalendarsAsync(granted.AccessToken, cancellationToken);
        var email = calendars.FirstOrDefault(c => c.Primary)?.Id ?? (calendars.Count > 0 ? calendars[0].Id : "Google account");
        var now = time.GetUtcNow().UtcDateTime;
        var protectedToken = tokenProtector.Protect(granted.RefreshToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.CalendarConnections.OrderByDescending(c => c.ConnectedUtc).ToListAsync(cancellationToken);
        var same = existing.FirstOrDefault(c => string.Equals(c.AccountEmail, email, StringComparison.OrdinalIgnoreCase));
        // One Google account per business: another account replaces the old connection (its mappings go with it).
        db.CalendarConnections.RemoveRange(existing.Where(c => c != same));
        CalendarConnection connection;
        if (same is null)
        {
            connection = new CalendarConnection(businessId, email, protectedToken, now);
            db.CalendarConnections.Add(connection);
        }
        else
        {
            connection = same;
            connection.Reconnect(protectedToken, now);
            var mappings = await db.CalendarMappings.Where(m => m.ConnectionId == connection.Id).ToListAsync(cancellationToken);
            mappings.ForEach(m => m.ResetSync());
        }
        tokens.Forget(connection.Id);
        db.AuditEntries.Add(new AuditEntry(businessId, actor, "calendar.connected", nameof(CalendarConnection), connection.Id, now, null, JsonSerializer.Serialize(new { email })));
        await db.SaveChangesAsync(cancellationToken);
        if (same is not null)
        {
            await RequeueFutureAsync(db, businessId, staffIds: null, cancellationToken);
        }
        return null;
    }

    /// <summary>The calendars of the connected account that VoiceFlow can write to.</summary>
    public async Task<IReadOnlyList<GoogleCalendarEntry>> ListWritableCalendarsAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        var accessToken = await tokens.GetAsync(connectionId, cancellationToken);
        var all = await google.ListCalendarsAsync(accessToken, cancellationToken);
        return all.Where(c => c.AccessRole is "owner" or "writer").OrderByDescending(c => c.Primary).ThenBy(c => c.Summary).ToList();
    }

    /// <summary>Saves the staff-to-calendar choices; changed ones start a fresh sync and re-push that staff member's future appointments.</summary>
    public async Task SaveMappingsAsync(Guid connectionId, IReadOnlyDictionary<Guid, string?> choices, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.CalendarConnections.FirstAsync(c => c.Id == connectionId, cancellationToken);
        var mappings = await db.CalendarMappings.Where(m => m.ConnectionId == connectionId).ToListAsync(cancellationToken);
        var changed = new List<Guid>();
        foreach (var (staffId, calendarId) in choices)
        {
            var mapping = mappings.FirstOrDefault(m => m.StaffMemberId == staffId);
            if (string.IsNullOrWhiteSpace(calendarId))
            {
                if (mapping is not null)
                {
                    db.CalendarMappings.Remove(mapping);
                    await RemoveBusyAsync(db, staffId, cancellationToken);
                }
                continue;
            }
            if (mapping is null)
            {
                db.CalendarMappings.Add(new CalendarMapping(connection.BusinessId, connectionId, staffId, calendarId));
                changed.Add(staffId);
            }
            else if (mapping.CalendarId != calendarId)
            {
                mapping.ChangeCalendar(calendarId);
                await RemoveBusyAsync(db, staffId, cancellationToken);
                changed.Add(staffId);
            }
        }
        connection.RecordError("");
        db.AuditEntries.Add(new AuditEntry(connection.BusinessId, actor, "calendar.mapped", nameof(CalendarConnection), connectionId, time.GetUtcNow().UtcDateTime,
            null, JsonSerializer.Serialize(choices)));
        await db.SaveChangesAsync(cancellationToken);
        if (changed.Count > 0)
        {
            await RequeueFutureAsync(db, connection.BusinessId, changed, cancellationToken);
        }
    }

    /// <summary>Revokes the grant at Google, forgets the token, stops pending pushes. Mappings and event links stay for a reconnect.</summary>
    public async Task DisconnectAsync(Guid connectionId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.CalendarConnections.FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return;
        }
        if (connection.ProtectedRefreshToken.Length > 0)
        {
            try
            {
                await oauth.RevokeAsync(tokenProtector.Unprotect(connection.ProtectedRefreshToken), cancellationToken);
            }
            catch (Exception ex) when (ex is GoogleAuthorizationException or HttpRequestException or System.Security.Cryptography.CryptographicException or TaskCanceledException)
            {
                // The token is deleted here whatever Google says; the owner can also remove access in their Google account.
                logger.LogWarning(ex, "Revoking the Google token of connection {ConnectionId} failed", connectionId);
            }
        }
        connection.Disconnect();
        tokens.Forget(connectionId);
        var mappings = await db.CalendarMappings.Where(m => m.ConnectionId == connectionId).ToListAsync(cancellationToken);
        mappings.ForEach(m =>
        {
            m.ResetSync();
            m.ForgetChannel();
        });
        var pending = await db.OutboxMessages.Where(m => m.Kind == OutboxKind.CalendarPush && m.Status == OutboxStatus.Pending).ToListAsync(cancellationToken);
        pending.ForEach(m => m.Cancel());
        db.AuditEntries.Add(new AuditEntry(connection.BusinessId, actor, "calendar.disconnected", nameof(CalendarConnection), connectionId, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task RemoveBusyAsync(VoiceFlowDbContext db, Guid staffId, CancellationToken cancellationToken)
    {
        var busy = await db.ExternalBusyTimes.Where(b => b.StaffMemberId == staffId && b.Source == CalendarSyncJob.BusySource).ToListAsync(cancellationToken);
        db.ExternalBusyTimes.RemoveRange(busy);
    }

    private async Task RequeueFutureAsync(VoiceFlowDbContext db, Guid businessId, IReadOnlyCollection<Guid>? staffIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Appointments.AsNoTracking().Where(a => a.EndUtc > now &&
            (a.Status == Domain.Appointments.AppointmentStatus.Booked || a.Status == Domain.Appointments.AppointmentStatus.Confirmed));
        if (staffIds is not null)
        {
            query = query.Where(a => staffIds.Contains(a.StaffMemberId));
        }
        var ids = await query.Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            db.OutboxMessages.Add(new OutboxMessage(businessId, OutboxKind.CalendarPush, AppointmentChangeRecorder.CalendarUpsert,
                JsonSerializer.Serialize(new { appointmentId = id }), now, appointmentId: id));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record ConnectState(Guid BusinessId, string UserId);
}
