using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Calendar;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// Pushes the calendar outbox rows (<c>calendar.upsert</c>, <c>calendar.delete</c>) to Google, claiming each row
/// first exactly as the SMS sender does. A push is state-based: it sends the appointment as it is now, so rows
/// arriving late or out of order still end in the right event. The event id is derived from the appointment id, so a
/// retried insert, a lost link or a reconnect meets a 409 and patches the same event instead of making a second one.
/// Rows of a connection that needs reconnecting, or whose circuit is open, wait unclaimed and lose no attempts.
/// </summary>
public sealed class CalendarPushJob(
    DatabaseOptionsHolder database, GoogleCalendarClient google, GoogleOAuthClient oauth, CalendarAccessTokens tokens,
    CalendarCircuitBreakers breakers, TimeProvider time, IOptionsMonitor<CalendarSyncOptions> options, ILogger<CalendarPushJob> logger)
{
    public const string NotMapped = "not-mapped";

    /// <summary>Pushes what is due; returns how many rows this run claimed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!oauth.IsConfigured)
        {
            return 0;
        }
        var settings = options.CurrentValue;
        var now = Now();
        List<(Guid Id, Guid BusinessId)> candidates;
        Dictionary<Guid, Guid> connectionByBusiness;
        await using (var db = database.Create(tenant: null))
        {
            var rows = await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.Kind == OutboxKind.CalendarPush && m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now &&
                            (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.CreatedUtc).Take(settings.BatchSize)
                .Select(m => new { m.Id, m.BusinessId }).ToListAsync(cancellationToken);
            candidates = rows.Select(r => (r.Id, r.BusinessId)).ToList();
            var businesses = candidates.Select(c => c.BusinessId).Distinct().ToList();
            connectionByBusiness = await db.CalendarConnections.IgnoreQueryFilters().AsNoTracking()
                .Where(c => businesses.Contains(c.BusinessId) && c.Status == CalendarConnectionStatus.Connected)
                .ToDictionaryAsync(c => c.BusinessId, c => c.Id, cancellationToken);
        }
        var claimed = 0;
        var blocked = new HashSet<Guid>();
        foreach (var (id, businessId) in candidates)
        {
            // Not connected (needs reconnection) or Google failing for this account: the row waits, untouched.
            if (!connectionByBusiness.TryGetValue(businessId, out var connectionId) || blocked.Contains(connectionId) || breakers.IsOpen(connectionId))
            {
                continue;
            }
            if (await TryClaimAsync(id, now, now + settings.ClaimDuration, cancellationToken))
            {
                claimed++;
                if (!await PushClaimedAsync(id, connectionId, cancellationToken))
                {
                    blocked.Add(connectionId);
                }
            }
        }
        return claimed;
    }

    private async Task<bool> TryClaimAsync(Guid id, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant: null);
        var rows = await db.OutboxMessages.IgnoreQueryFilters()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntilUtc, until), cancellationToken);
        return rows == 1;
    }

    /// <summary>Pushes one claimed row; false when the connection cannot be used now (the rest of its rows are left alone).</summary>
    private async Task<bool> PushClaimedAsync(Guid id, Guid connectionId, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant: null);
        var message = await db.OutboxMessages.IgnoreQueryFilters().FirstAsync(m => m.Id == id, cancellationToken);
        var usable = true;
        try
        {
            var eventId = await breakers.ExecuteAsync(connectionId, async ct =>
            {
                try
                {
                    return await PushAsync(db, message, connectionId, ct);
                }
                catch (GoogleApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
                {
                    // The access token was revoked or expired early: once more with a fresh one (a refused refresh says why).
                    tokens.Forget(connectionId);
                    return await PushAsync(db, message, connectionId, ct);
                }
            }, cancellationToken);
            message.MarkSent(eventId, Now());
            if (eventId == NotMapped)
            {
                message.RecordExternalStatus(NotMapped);
            }
        }
        catch (CalendarNeedsReconnectionException)
        {
            // Kept for when the owner reconnects; releasing the claim costs no attempt.
            message.Lock(Now().AddTicks(-1)); // claim released: claimable again at once
            usable = false;
        }
        catch (BrokenCircuitException)
        {
            message.Lock(Now().AddTicks(-1)); // claim released: claimable again at once
            usable = false;
        }
        catch (GoogleApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            tokens.Forget(connectionId);
            message.RetryLater("Google did not accept the access token (401); a fresh one will be used", Now());
        }
        catch (GoogleApiException ex) when (ex.IsTransient)
        {
            logger.LogWarning("Calendar push {OutboxId} will be retried: {Error}", id, ex.Message);
            message.RetryLater(ex.Message, Now(), ex.RetryAfter);
        }
        catch (GoogleApiException ex)
        {
            var advice = Advice(ex);
            logger.LogWarning("Calendar push {OutboxId} refused by Google: {Error}", id, ex.Message);
            message.FailPermanently(advice);
            var connection = await db.CalendarConnections.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
            connection?.RecordError(advice);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Calendar push {OutboxId} could not reach Google: {Error}", id, ex.Message);
            message.RetryLater(ex.GetType().Name + ": " + ex.Message, Now());
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return usable;
    }

    /// <summary>What staff should do about a permanent refusal.</summary>
    internal static string Advice(GoogleApiException ex) => ex.Status switch
    {
        HttpStatusCode.NotFound => "Google Calendar says this calendar no longer exists. In Settings > Calendar, pick another calendar for this staff member.",
        HttpStatusCode.Forbidden => "The connected Google account cannot write to this calendar. Share it with write access, or pick another calendar in Settings > Calendar.",
        _ => $"Google Calendar refused the change ({(int)ex.Status} {ex.GoogleMessage}). Check the calendar in Settings > Calendar; the appointment itself is unchanged.",
    };

    private async Task<string> PushAsync(VoiceFlowDbContext db, OutboxMessage message, Guid connectionId, CancellationToken cancellationToken)
    {
        var appointmentId = message.AppointmentId ?? ReadAppointmentId(message.Payload);
        var appointment = appointmentId is null ? null
            : await db.Appointments.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        var link = appointmentId is null ? null
            : await db.CalendarEventLinks.IgnoreQueryFilters().FirstOrDefaultAsync(l => l.AppointmentId == appointmentId, cancellationToken);
        var accessToken = await tokens.GetAsync(connectionId, cancellationToken);

        if (message.Topic == AppointmentChangeRecorder.CalendarDelete || appointment is null || !appointment.IsActive)
        {
            await DeleteLinkedAsync(db, accessToken, link, cancellationToken);
            return link?.EventId ?? "deleted";
        }

        var mapping = await db.CalendarMappings.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.StaffMemberId == appointment.StaffMemberId, cancellationToken);
        if (link is not null && link.CalendarId != mapping?.CalendarId)
        {
            // Moved to another staff member (or their calendar changed): the old event goes, a new one comes.
            await DeleteLinkedAsync(db, accessToken, link, cancellationToken);
            link = null;
        }
        if (mapping is null)
        {
            return NotMapped;
        }
        var body = await BuildEventAsync(db, appointment, cancellationToken);
        GoogleEvent saved;
        if (link is not null)
        {
            try
            {
                saved = await google.PatchEventAsync(accessToken, link.CalendarId, link.EventId, body, cancellationToken);
            }
            catch (GoogleApiException ex) when (ex.IsNotFound || ex.IsGone)
            {
                // Purged from Google: make a fresh event under a new id (the old id may be a tombstone).
                body.Id = EventIdFor(appointment.Id) + Guid.CreateVersion7().ToString("N")[..8];
                saved = await google.InsertEventAsync(accessToken, mapping.CalendarId, body, cancellationToken);
                db.CalendarEventLinks.Remove(link);
                link = null;
            }
        }
        else
        {
            var eventId = EventIdFor(appointment.Id);
            body.Id = eventId;
            try
            {
                saved = await google.InsertEventAsync(accessToken, mapping.CalendarId, body, cancellationToken);
            }
            catch (GoogleApiException ex) when (ex.Status == HttpStatusCode.Conflict)
            {
                // Already there: an insert retried after a lost answer, or a reconnect. Same event, updated in place.
                body.Id = null;
                saved = await google.PatchEventAsync(accessToken, mapping.CalendarId, eventId, body, cancellationToken);
            }
        }
        if (link is null)
        {
            db.CalendarEventLinks.Add(new CalendarEventLink(appointment.BusinessId, appointment.Id, mapping.CalendarId, saved.Id ?? body.Id!, saved.ETag));
        }
        else
        {
            link.UpdateETag(saved.ETag);
        }
        return saved.Id ?? body.Id ?? "";
    }

    private async Task DeleteLinkedAsync(VoiceFlowDbContext db, string accessToken, CalendarEventLink? link, CancellationToken cancellationToken)
    {
        if (link is null)
        {
            return;
        }
        try
        {
            await google.DeleteEventAsync(accessToken, link.CalendarId, link.EventId, cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.IsNotFound || ex.IsGone)
        {
            // Already gone in Google: the goal is reached.
        }
        db.CalendarEventLinks.Remove(link);
    }

    /// <summary>Google event ids use base32hex (a-v, 0-9); a GUID's hex digits fit, prefixed "vf".</summary>
    public static string EventIdFor(Guid appointmentId) => "vf" + appointmentId.ToString("N");

    private static async Task<GoogleEvent> BuildEventAsync(VoiceFlowDbContext db, Appointment appointment, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == appointment.BusinessId, cancellationToken);
        var service = await db.Services.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == appointment.ServiceId, cancellationToken);
        var customer = await db.Customers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == appointment.CustomerId, cancellationToken);
        var who = customer is null || customer.IsErased ? "Customer" : customer.Name;
        return new GoogleEvent
        {
            Status = "confirmed",
            Summary = $"{service?.Name ?? "Appointment"} · {who}",
            Description = $"Booked in VoiceFlow ({business.Name}). Move or delete it here or in VoiceFlow; the customer is told by SMS.",
            Start = CalendarEventTimes.ToGoogle(appointment.StartUtc, business.TimeZoneId),
            End = CalendarEventTimes.ToGoogle(appointment.EndUtc, business.TimeZoneId),
            Transparency = "opaque",
            ExtendedProperties = new GoogleExtendedProperties
            {
                Private = new Dictionary<string, string>
                {
                    [GoogleCalendarClient.AppointmentIdProperty] = appointment.Id.ToString(),
                    ["voiceflowBusinessId"] = appointment.BusinessId.ToString(),
                },
            },
        };
    }

    private static Guid? ReadAppointmentId(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("appointmentId", out var id) && id.TryGetGuid(out var guid) ? guid : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
