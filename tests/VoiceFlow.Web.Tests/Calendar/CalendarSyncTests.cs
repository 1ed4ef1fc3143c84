using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.CalendarSync;

namespace VoiceFlow.Web.Tests.Calendar;

/// <summary>Two-way sync against the fake Google: push, pull, 410, outages, permanent errors, DST.</summary>
public sealed class CalendarSyncTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Toronto(int month, int day, int hour, int minute = 0) =>
        new(CalendarTestKit.Utc(month, day, hour, minute), TimeSpan.Zero);

    [Fact]
    public async Task TwoWay_BookMoveCancelPushed_GoogleMovesAndDeletesPulled_WithAuditAndSms_NoEcho()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        await kit.ConnectAndMapAsync();
        var a = await kit.BookAsync(11, 3, 10);
        var b = await kit.BookAsync(11, 4, 11, phone: "+14165550124");
        await kit.PushAsync();
        var ev = kit.EventOf(a);
        Assert.Equal(CalendarTestKit.Utc(11, 3, 10), ev.Start!.Value.UtcDateTime);
        Assert.Equal("vf" + a.ToString("N"), ev.Id);

        // VoiceFlow moves A: the same event is patched, never a second one.
        await kit.RescheduleAsync(a, CalendarTestKit.Utc(11, 3, 15));
        await kit.PushAsync();
        Assert.Equal(CalendarTestKit.Utc(11, 3, 15), kit.EventOf(a).Start!.Value.UtcDateTime);

        // Our own changes read back are not new changes.
        await kit.SyncAsync();
        Assert.Equal(CalendarTestKit.Utc(11, 3, 15), (await kit.AppointmentAsync(a)).StartUtc);
        Assert.Single(await kit.OutboxAsync(a, OutboxKind.Sms), m => m.Topic == AppointmentChangeRecorder.SmsRescheduled);

        // Someone drags B in Google: the appointment moves, with an audit entry and the customer's SMS.
        kit.Google.MoveEvent(kit.Primary, kit.EventOf(b).Id, Toronto(11, 5, 13), Toronto(11, 5, 14));
        await kit.SyncAsync();
        Assert.Equal(CalendarTestKit.Utc(11, 5, 13), (await kit.AppointmentAsync(b)).StartUtc);
        Assert.Single(await kit.OutboxAsync(b, OutboxKind.Sms), m => m.Topic == AppointmentChangeRecorder.SmsRescheduled);
        await using (var db = kit.Db())
        {
            Assert.True(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.EntityId == b && e.Actor == CalendarSyncJob.Actor && e.Action == "appointment.rescheduled", Ct));
        }

        // Dragged onto a Sunday (closed): VoiceFlow's time stands and goes back to Google.
        kit.Google.MoveEvent(kit.Primary, kit.EventOf(b).Id, Toronto(11, 8, 10), Toronto(11, 8, 11));
        await kit.SyncAsync();
        Assert.Equal(CalendarTestKit.Utc(11, 5, 13), (await kit.AppointmentAsync(b)).StartUtc);
        await kit.PushAsync();
        Assert.Equal(CalendarTestKit.Utc(11, 5, 13), kit.EventOf(b).Start!.Value.UtcDateTime);

        // Deleted in Google: cancelled here, customer told.
        kit.Google.DeleteEvent(kit.Primary, kit.EventOf(b).Id);
        await kit.SyncAsync();
        Assert.Equal(AppointmentStatus.Cancelled, (await kit.AppointmentAsync(b)).Status);
        Assert.Single(await kit.OutboxAsync(b, OutboxKind.Sms), m => m.Topic == AppointmentChangeRecorder.SmsCancelled);

        // Cancelled in VoiceFlow: deleted in Google.
        await kit.CancelAsync(a);
        await kit.PushAsync();
        Assert.DoesNotContain(kit.Google.Events(kit.Primary), e => e.AppointmentId == a.ToString());
        Assert.Empty(await kit.PendingPushesAsync());
        kit.AssertNoDuplicates();
    }

    [Fact]
    public async Task FirstSync_Paged_ExternalEventsBlockSlots_AllDayFreeAndMalformedSkipped_410RecoversWithFullSync()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        kit.Google.PageSize = 2;
        var dentistConf = kit.Google.AddEvent(kit.Primary, "Conference", Toronto(11, 3, 10), Toronto(11, 3, 12));
        kit.Google.AddEvent(kit.Primary, "Lunch with rep", Toronto(11, 4, 13), Toronto(11, 4, 14));
        kit.Google.AddEvent(kit.Primary, "Focus (free)", Toronto(11, 5, 10), Toronto(11, 5, 11), transparent: true);
        kit.Google.AddAllDayEvent(kit.Primary, "Holiday", new DateOnly(2026, 11, 6));
        kit.Google.AddMalformedEvent(kit.Primary, "Broken");
        kit.Google.AddEvent(kit.Primary, "Physio", Toronto(11, 6, 15), Toronto(11, 6, 16));
        await kit.ConnectAndMapAsync();

        await kit.SyncAsync();
        await using (var db = kit.Db())
        {
            var busy = await db.ExternalBusyTimes.IgnoreQueryFilters().Where(x => x.StaffMemberId == kit.ChenId).OrderBy(x => x.StartUtc).ToListAsync(Ct);
            Assert.Equal([CalendarTestKit.Utc(11, 3, 10), CalendarTestKit.Utc(11, 4, 13), CalendarTestKit.Utc(11, 6, 15)], busy.Select(x => x.StartUtc));
            var mapping = await db.CalendarMappings.IgnoreQueryFilters().SingleAsync(Ct);
            Assert.NotNull(mapping.SyncToken);
        }
        await using (var scope = kit.TenantScope())
        {
            var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
            var taken = await booking.BookAsync(new BookingRequest(kit.CleaningId, kit.ChenId, CalendarTestKit.Utc(11, 3, 10), AppointmentSource.Portal, "test",
                CustomerName: "Busy Test", CustomerPhone: "+14165550199", CustomerLanguage: "en-CA"), Ct);
            Assert.NotEqual(BookingStatus.Booked, taken.Status);
        }

        // Google forgets our sync token: 410, then a full sync that also drops what disappeared meanwhile.
        kit.Google.ExpireSyncTokens();
        kit.Google.DeleteEvent(kit.Primary, dentistConf);
        kit.Google.AddEvent(kit.Primary, "New meeting", Toronto(11, 9, 10), Toronto(11, 9, 11));
        await kit.SyncAsync();
        await using (var db = kit.Db())
        {
            var busy = await db.ExternalBusyTimes.IgnoreQueryFilters().Where(x => x.StaffMemberId == kit.ChenId).OrderBy(x => x.StartUtc).Select(x => x.StartUtc).ToListAsync(Ct);
            Assert.Equal([CalendarTestKit.Utc(11, 4, 13), CalendarTestKit.Utc(11, 6, 15), CalendarTestKit.Utc(11, 9, 10)], busy);
        }

        // Incremental from here on: a deletion in Google frees the time.
        var physio = kit.Google.Events(kit.Primary).Single(e => e.Summary == "Physio").Id;
        kit.Google.DeleteEvent(kit.Primary, physio);
        await kit.SyncAsync();
        await using (var db = kit.Db())
        {
            Assert.Equal(2, await db.ExternalBusyTimes.IgnoreQueryFilters().CountAsync(x => x.StaffMemberId == kit.ChenId, Ct));
        }
    }

    [Fact]
    public async Task AnHourOf429s_ThenRecovery_EveryChangeDeliveredExactlyOnce_BookingNeverBlocked()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        await kit.ConnectAndMapAsync();
        await kit.PushAsync(); // the seeded week goes out first
        kit.Google.Fail(HttpStatusCode.TooManyRequests);

        var a = await kit.BookAsync(11, 3, 10);
        var b = await kit.BookAsync(11, 3, 11, phone: "+14165550124");
        var c = await kit.BookAsync(11, 4, 15, phone: "+14165550125");
        var refusedBefore = kit.Google.Refused;
        var end = kit.Time.GetUtcNow().AddHours(1);
        var step = 0;
        while (kit.Time.GetUtcNow() < end)
        {
            await kit.PushAsync();
            if (step == 3)
            {
                await kit.RescheduleAsync(b, CalendarTestKit.Utc(11, 3, 16));
            }
            if (step == 5)
            {
                await kit.CancelAsync(c);
            }
            kit.Time.Advance(TimeSpan.FromMinutes(2));
            step++;
        }
        Assert.DoesNotContain(kit.Google.Events(kit.Primary), e => e.AppointmentId == a.ToString() || e.AppointmentId == b.ToString());
        var rows = await kit.OutboxAsync(a, OutboxKind.CalendarPush);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        // The circuit breaker keeps an hour of rate limits to a trickle, not a request every round for every row.
        Assert.InRange(kit.Google.Refused - refusedBefore, 3, 60);

        kit.Google.Recover();
        for (var i = 0; i < 40 && (await kit.PendingPushesAsync()).Count > 0; i++)
        {
            kit.Time.Advance(TimeSpan.FromMinutes(5));
            await kit.PushAsync();
        }
        Assert.Empty(await kit.PendingPushesAsync());
        Assert.Equal(CalendarTestKit.Utc(11, 3, 10), kit.EventOf(a).Start!.Value.UtcDateTime);
        Assert.Equal(CalendarTestKit.Utc(11, 3, 16), kit.EventOf(b).Start!.Value.UtcDateTime);
        Assert.DoesNotContain(kit.Google.Events(kit.Primary), e => e.AppointmentId == c.ToString());
        Assert.Equal(1, kit.Google.InsertsOf("vf" + a.ToString("N")));
        Assert.Equal(1, kit.Google.InsertsOf("vf" + b.ToString("N")));
        kit.AssertNoDuplicates();
    }

    [Fact]
    public async Task DeletedCalendar_PermanentError_ShownWithAdvice_NotRetried()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        kit.Google.AddCalendar("team@group.calendar.google.com", "Team");
        await kit.ConnectThroughBrowserAsync();
        await kit.MapAsync(kit.ChenId, "team@group.calendar.google.com");
        await kit.PushAsync();
        kit.Google.RemoveCalendar("team@group.calendar.google.com");

        var id = await kit.BookAsync(11, 3, 10);
        await kit.PushAsync();
        kit.Time.Advance(TimeSpan.FromHours(2));
        await kit.PushAsync();

        var row = Assert.Single(await kit.OutboxAsync(id, OutboxKind.CalendarPush));
        Assert.Equal((OutboxStatus.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("no longer exists", row.LastError, StringComparison.Ordinal);
        Assert.Contains("Settings > Calendar", (await kit.ConnectionAsync()).LastError, StringComparison.Ordinal);
        await using var scope = kit.TenantScope();
        var state = await scope.ServiceProvider.GetRequiredService<CalendarConnectionService>().GetStateAsync(Ct);
        Assert.Contains(state.FailedPushes, f => f.AppointmentId == id);
        Assert.Equal(AppointmentStatus.Booked, (await kit.AppointmentAsync(id)).Status);
    }

    [Fact]
    public async Task DstWeek_PushedWithTheRightOffsets_PulledTimesResolved()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        await kit.ConnectAndMapAsync();
        var friday = await kit.BookAsync(10, 30, 10);
        var monday = await kit.BookAsync(11, 2, 10, phone: "+14165550124");
        await kit.PushAsync();

        Assert.Equal("2026-10-30T10:00:00-04:00", (string?)kit.EventOf(friday).Resource["start"]!["dateTime"]);
        Assert.Equal("2026-11-02T10:00:00-05:00", (string?)kit.EventOf(monday).Resource["start"]!["dateTime"]);
        Assert.Equal("America/Toronto", (string?)kit.EventOf(monday).Resource["start"]!["timeZone"]);
        Assert.Equal(TimeSpan.FromHours(1), kit.EventOf(monday).End - kit.EventOf(monday).Start);

        // The second 01:30 of the fall-back night (EST) and a local time with no offset (earlier instant, EDT).
        kit.Google.AddEvent(kit.Primary, "Night shift", new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2026, 11, 1, 2, 30, 0, TimeSpan.FromHours(-5)));
        Assert.Equal(CalendarTestKit.Utc(11, 3, 9), CalendarEventTimes.ToUtc(new() { DateTime = "2026-11-03T09:00:00", TimeZone = "America/Toronto" }, "UTC"));
        Assert.Equal(new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc), CalendarEventTimes.ToUtc(new() { DateTime = "2026-11-01T01:30:00", TimeZone = "America/Toronto" }, "UTC"));
        Assert.Equal(new DateTime(2026, 3, 8, 7, 30, 0, DateTimeKind.Utc), CalendarEventTimes.ToUtc(new() { DateTime = "2026-03-08T02:30:00" }, "America/Toronto"));
        Assert.Null(CalendarEventTimes.ToUtc(new() { Date = "2026-11-01" }, "America/Toronto"));

        // Moved in Google across the change (Friday EDT -> Tuesday EST): the same wall time, one hour later in UTC.
        kit.Google.MoveEvent(kit.Primary, kit.EventOf(friday).Id, new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2026, 11, 3, 11, 0, 0, TimeSpan.FromHours(-5)));
        await kit.SyncAsync();
        Assert.Equal(new DateTime(2026, 11, 3, 15, 0, 0, DateTimeKind.Utc), (await kit.AppointmentAsync(friday)).StartUtc);
        await using var db = kit.Db();
        var night = await db.ExternalBusyTimes.IgnoreQueryFilters().SingleAsync(x => x.StaffMemberId == kit.ChenId, Ct);
        Assert.Equal((new DateTime(2026, 11, 1, 6, 30, 0), new DateTime(2026, 11, 1, 7, 30, 0)), (night.StartUtc, night.EndUtc));
    }

    [Fact]
    public async Task PushNotifications_ChannelWatched_KnownChannelAccepted_UnknownRefused()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers, new Dictionary<string, string?> { ["Google:PublicBaseUrl"] = "https://voiceflow.example.ca" });
        await kit.ConnectAndMapAsync();
        await kit.SyncAsync();
        var channel = Assert.Single(kit.Google.Channels);
        Assert.Equal("https://voiceflow.example.ca/calendar/google/notify", channel.Address);

        using var http = kit.Factory.CreateClient();
        using var known = new HttpRequestMessage(HttpMethod.Post, "/calendar/google/notify");
        known.Headers.Add("X-Goog-Channel-ID", channel.Id);
        known.Headers.Add("X-Goog-Resource-ID", channel.ResourceId);
        known.Headers.Add("X-Goog-Resource-State", "exists");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(known, Ct)).StatusCode);
        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/calendar/google/notify");
        unknown.Headers.Add("X-Goog-Channel-ID", "not-ours");
        unknown.Headers.Add("X-Goog-Resource-State", "exists");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(unknown, Ct)).StatusCode);

        // A sync a week later renews the channel before it lapses and stops the old one.
        kit.Time.Advance(TimeSpan.FromDays(6.5));
        await kit.SyncAsync();
        var renewed = Assert.Single(kit.Google.Channels);
        Assert.NotEqual(channel.Id, renewed.Id);
    }
}
