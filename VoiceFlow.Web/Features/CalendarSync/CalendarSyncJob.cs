using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Calendar;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// Pulls Google's changes: incremental with each mapping's sync token (a full sync from a week back on the first
/// run and after 410 Gone), page by page. Events we did not make become busy times; our own events moved or deleted
/// in Google move or cancel the appointment through <see cref="BookingService"/> (audit entry, customer SMS), unless
/// the new time is not bookable, in which case VoiceFlow's time is pushed back. All-day, free and unreadable events
/// are skipped. Also renews push channels. Safe to run twice: every step compares before it changes.
/// </summary>
public sealed class CalendarSyncJob(
    DatabaseOptionsHolder database, GoogleCalendarClient google, GoogleOAuthClient oauth, CalendarAccessTokens tokens,
    CalendarCircuitBreakers breakers, IServiceScopeFactory scopes, TimeProvider time, IOptionsMonitor<CalendarSyncOptions> options,
    IOptionsMonitor<GoogleOptions> googleOptions, ILogger<CalendarSyncJob> logger)
{
    public const string Actor = "google-calendar";
    public const string BusySource = "google";

    /// <summary>The recurring sweep: every connected account whose (jittered) turn has come.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!oauth.IsConfigured)
        {
            return 0;
        }
        var now = Now();
        var settings = options.CurrentValue;
        List<(Guid Id, DateTime? LastSync)> connections;
        await using (var db = database.Create(tenant: null))
        {
            var rows = await db.CalendarConnections.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Status == CalendarConnectionStatus.Connected)
                .Select(c => new { c.Id, c.LastSyncUtc }).ToListAsync(cancellationToken);
            connections = rows.Select(r => (r.Id, r.LastSyncUtc)).ToList();
        }
        var synced = 0;
        foreach (var (id, lastSync) in connections)
        {
            if (lastSync is { } last && now < last + settings.SyncInterval + Jitter(id, settings.SyncJitter))
            {
                continue;
            }
            if (breakers.IsOpen(id))
            {
                continue;
            }
            await SyncConnectionAsync(id, cancellationToken);
            synced++;
        }
        return synced;
    }

    /// <summary>A fixed share of the jitter window per connection: spreads accounts out, stays predictable per account.</summary>
    internal static TimeSpan Jitter(Guid connectionId, TimeSpan window) =>
        TimeSpan.FromTicks((long)(window.Ticks * ((connectionId.GetHashCode() & 0x7fffffff) / (double)int.MaxValue)));

    /// <summary>Pulls every mapped calendar of one connection now. Returns false when the connection cannot be used.</summary>
    public async Task<bool> SyncConnectionAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        List<Guid> mappingIds;
        await using (var db = database.Create(tenant: null))
        {
            mappingIds = await db.CalendarMappings.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.ConnectionId == connectionId).Select(m => m.Id).ToListAsync(cancellationToken);
        }
        string? problem = null;
        foreach (var mappingId in mappingIds)
        {
            var outcome = await SyncMappingCoreAsync(mappingId, cancellationToken);
            if (outcome == SyncOutcome.NeedsReconnection)
            {
                return false;
            }
            if (outcome is SyncOutcome.Problem problemOutcome)
            {
                problem ??= problemOutcome.Message;
            }
        }
        await using (var db = database.Create(tenant: null))
        {
            var connection = await db.CalendarConnections.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
            if (connection is { Status: CalendarConnectionStatus.Connected })
            {
                connection.RecordSync(Now());
                if (problem is not null)
                {
                    connection.RecordError(problem);
                }
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        return true;
    }

    /// <summary>One calendar, at once (a push notification arrived). Hangfire job argument: the mapping id.</summary>
    public async Task SyncMappingAsync(Guid mappingId, CancellationToken cancellationToken = default) =>
        await SyncMappingCoreAsync(mappingId, cancellationToken);

    private abstract record SyncOutcome
    {
        public static readonly SyncOutcome Done = new DoneOutcome();
        public static readonly SyncOutcome NeedsReconnection = new ReconnectOutcome();
        private sealed record DoneOutcome : SyncOutcome;
        private sealed record ReconnectOutcome : SyncOutcome;
        public sealed record Problem(string Message) : SyncOutcome;
    }

    // One sync per calendar at a time in this process: a push notification's immediate sync and the sweep would
    // otherwise both pull the same changes and both renew the watch channel (two channels for one calendar).
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Running = new();

    private async Task<SyncOutcome> SyncMappingCoreAsync(Guid mappingId, CancellationToken cancellationToken)
    {
        var gate = Running.GetOrAdd(mappingId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await SyncMappingOnceAsync(mappingId, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SyncOutcome> SyncMappingOnceAsync(Guid mappingId, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant: null);
        var mapping = await db.CalendarMappings.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.Id == mappingId, cancellationToken);
        if (mapping is null)
        {
            return SyncOutcome.Done;
        }
        try
        {
            var accessToken = await tokens.GetAsync(mapping.ConnectionId, cancellationToken);
            await breakers.ExecuteAsync(mapping.ConnectionId, async ct =>
            {
                await PullAsync(db, mapping, accessToken, ct);
                return true;
            }, cancellationToken);
            await RenewChannelAsync(mapping, accessToken, cancellationToken);
            await db.SaveChangesAsync(CancellationToken.None);
            return SyncOutcome.Done;
        }
        catch (CalendarNeedsReconnectionException)
        {
            return SyncOutcome.NeedsReconnection;
        }
        catch (GoogleApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            tokens.Forget(mapping.ConnectionId);
            return SyncOutcome.Done;
        }
        catch (GoogleApiException ex) when (!ex.IsTransient)
        {
            logger.LogWarning("Pulling calendar {CalendarId} failed permanently: {Error}", mapping.CalendarId, ex.Message);
            return new SyncOutcome.Problem(CalendarPushJob.Advice(ex));
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
                                       or Polly.Timeout.TimeoutRejectedException)
        {
            // Transient: the next sweep tries again from the same sync token; nothing was lost.
            logger.LogWarning("Pulling calendar {CalendarId} will be retried: {Error}", mapping.CalendarId, ex.Message);
            return SyncOutcome.Done;
        }
    }

    private async Task PullAsync(VoiceFlowDbContext db, CalendarMapping mapping, string accessToken, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == mapping.BusinessId, cancellationToken);
        var full = mapping.SyncToken is null;
        var timeMin = Now() - options.CurrentValue.FullSyncLookBack;
        string? pageToken = null;
        var seenBusy = new HashSet<string>();
        var changes = new List<GoogleEvent>();
        while (true)
        {
            GoogleEventPage page;
            try
            {
                page = await google.ListEventsAsync(accessToken, mapping.CalendarId, mapping.SyncToken, pageToken, full ? timeMin : null, cancellationToken);
            }
            catch (GoogleApiException ex) when (ex.IsGone && !full)
            {
                // The sync token expired: start again with a full sync.
                logger.LogInformation("Sync token for calendar {CalendarId} expired (410); full sync", mapping.CalendarId);
                mapping.ResetSync();
                full = true;
                pageToken = null;
                changes.Clear();
                continue;
            }
            changes.AddRange(page.Items);
            if (page.NextPageToken is { } next)
            {
                pageToken = next;
                continue;
            }
            foreach (var item in changes)
            {
                await ApplyAsync(db, mapping, business.TimeZoneId, item, seenBusy, cancellationToken);
            }
            if (full)
            {
                // A full sync lists everything that exists: busy times it did not see are gone from Google.
                var prefix = BusyPrefix(mapping.StaffMemberId);
                var stale = await db.ExternalBusyTimes.IgnoreQueryFilters()
                    .Where(b => b.BusinessId == mapping.BusinessId && b.StaffMemberId == mapping.StaffMemberId && b.Source == BusySource &&
                                b.ExternalId.StartsWith(prefix) && b.EndUtc > timeMin)
                    .ToListAsync(cancellationToken);
                db.ExternalBusyTimes.RemoveRange(stale.Where(b => !seenBusy.Contains(b.ExternalId)));
            }
            mapping.AdvanceSyncToken(page.NextSyncToken);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
    }

    private static string BusyPrefix(Guid staffMemberId) => staffMemberId.ToString("N") + ":";

    private async Task ApplyAsync(VoiceFlowDbContext db, CalendarMapping mapping, string zoneId, GoogleEvent item, HashSet<string> seenBusy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(item.Id))
        {
            return;
        }
        var link = await db.CalendarEventLinks.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(l => l.BusinessId == mapping.BusinessId && l.CalendarId == mapping.CalendarId && l.EventId == item.Id, cancellationToken);
        var taggedId = item.ExtendedProperties?.Private?.GetValueOrDefault(GoogleCalendarClient.AppointmentIdProperty);
        if (link is not null || taggedId is not null)
        {
            // Ours. Only the event the appointment is linked to speaks for it (an old copy left in a previous calendar does not).
            if (link is not null)
            {
                await ApplyOwnAsync(db, mapping, zoneId, item, link.AppointmentId, cancellationToken);
            }
            return;
        }

        var externalId = BusyPrefix(mapping.StaffMemberId) + item.Id;
        if (externalId.Length > 1024)
        {
            return;
        }
        var busy = await db.ExternalBusyTimes.IgnoreQueryFilters()
            .FirstOrDefaultAsync(b => b.BusinessId == mapping.BusinessId && b.Source == BusySource && b.ExternalId == externalId, cancellationToken);
        var start = CalendarEventTimes.ToUtc(item.Start, zoneId);
        var end = CalendarEventTimes.ToUtc(item.End, zoneId);
        var blocks = item.Status != "cancelled" && item.Transparency != "transparent" && start is not null && end is not null && end > start;
        if (!blocks)
        {
            // Deleted, marked free, all-day or unreadable: not (or no longer) a busy time.
            if (busy is not null)
            {
                db.ExternalBusyTimes.Remove(busy);
            }
            if (item.Status != "cancelled" && (start is null || end is null || end <= start) && item.Start?.Date is null)
            {
                logger.LogInformation("Skipped unreadable Google event {EventId} in calendar {CalendarId}", item.Id, mapping.CalendarId);
            }
            return;
        }
        seenBusy.Add(externalId);
        if (busy is null)
        {
            db.ExternalBusyTimes.Add(new ExternalBusyTime(mapping.BusinessId, mapping.StaffMemberId, start!.Value, end!.Value, BusySource, externalId));
        }
        else if (busy.StartUtc != start || busy.EndUtc != end)
        {
            busy.Move(start!.Value, end!.Value);
        }
    }

    private async Task ApplyOwnAsync(VoiceFlowDbContext db, CalendarMapping mapping, string zoneId, GoogleEvent item, Guid appointmentId, CancellationToken cancellationToken)
    {
        var appointment = await db.Appointments.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(appointment.BusinessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        if (item.Status == "cancelled")
        {
            if (appointment.IsActive && appointment.EndUtc > Now())
            {
                var result = await booking.CancelAsync(appointment.Id, "Deleted in Google Calendar", Actor, cancellationToken);
                logger.LogInformation("Appointment {AppointmentId} cancelled from Google Calendar: {Status}", appointment.Id, result.Status);
            }
            return;
        }
        var start = CalendarEventTimes.ToUtc(item.Start, zoneId);
        var end = CalendarEventTimes.ToUtc(item.End, zoneId);
        if (!appointment.IsActive)
        {
            // Cancelled in VoiceFlow but (still or again) in Google: VoiceFlow's state goes back out.
            Requeue(db, appointment.BusinessId, appointment.Id, AppointmentChangeRecorder.CalendarDelete);
            return;
        }
        if (start is null || end is null || end <= start)
        {
            // Made all-day or broken in Google: we cannot read a time from it, so ours is pushed back.
            Requeue(db, appointment.BusinessId, appointment.Id, AppointmentChangeRecorder.CalendarUpsert);
            return;
        }
        if (start == appointment.StartUtc)
        {
            if (end != appointment.EndUtc)
            {
                // Only the length changed: the service decides the length, so VoiceFlow's end goes back out.
                Requeue(db, appointment.BusinessId, appointment.Id, AppointmentChangeRecorder.CalendarUpsert);
            }
            return; // Our own push read back: nothing new.
        }
        if (appointment.StartUtc <= Now())
        {
            return; // Already started or over: history is not rewritten from a calendar.
        }
        var moved = await booking.RescheduleAsync(appointment.Id, start.Value, null, Actor, cancellationToken);
        if (!moved.Succeeded)
        {
            // Not bookable at the new time (overlap, closed, outside hours): VoiceFlow's time stands and is pushed back.
            db.AuditEntries.Add(new AuditEntry(appointment.BusinessId, Actor, "calendar.move_rejected", nameof(Domain.Appointments.Appointment), appointment.Id, Now(),
                AppointmentChangeRecorder.Snapshot(appointment), JsonSerializer.Serialize(new { requestedStartUtc = start, moved.Code, moved.Message })));
            Requeue(db, appointment.BusinessId, appointment.Id, AppointmentChangeRecorder.CalendarUpsert);
        }
    }

    private void Requeue(VoiceFlowDbContext db, Guid businessId, Guid appointmentId, string topic) =>
        db.OutboxMessages.Add(new OutboxMessage(businessId, OutboxKind.CalendarPush, topic, JsonSerializer.Serialize(new { appointmentId }), Now(), appointmentId: appointmentId));

    private async Task RenewChannelAsync(CalendarMapping mapping, string accessToken, CancellationToken cancellationToken)
    {
        var publicBase = googleOptions.CurrentValue.PublicBaseUrl;
        if (publicBase is null || !string.Equals(publicBase.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) && !publicBase.IsLoopback)
        {
            return;
        }
        var now = Now();
        if (mapping.ChannelId is not null && mapping.ChannelExpiresUtc > now.AddDays(1))
        {
            return;
        }
        try
        {
            if (mapping.ChannelId is { } oldId && mapping.ChannelResourceId is { } oldResource)
            {
                try
                {
                    await google.StopChannelAsync(accessToken, oldId, oldResource, cancellationToken);
                }
                catch (GoogleApiException)
                {
                    // An expired channel cannot be stopped; it is gone anyway.
                }
            }
            var channelId = Guid.NewGuid().ToString("N");
            var ttl = options.CurrentValue.ChannelTtl;
            var channel = await google.WatchEventsAsync(accessToken, mapping.CalendarId, channelId, new Uri(publicBase, "/calendar/google/notify"),
                mapping.Id.ToString("N"), ttl, cancellationToken);
            var expires = long.TryParse(channel.Expiration, out var ms) ? DateTime.UnixEpoch.AddMilliseconds(ms) : now + ttl;
            mapping.WatchChannel(channelId, expires, channel.ResourceId);
        }
        catch (GoogleApiException ex)
        {
            // Polling still covers this calendar.
            logger.LogWarning("Could not watch calendar {CalendarId}: {Error}", mapping.CalendarId, ex.Message);
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
