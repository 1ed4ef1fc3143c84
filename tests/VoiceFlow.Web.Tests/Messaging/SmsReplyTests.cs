using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Tests.Messaging;

/// <summary>Customers answering by SMS: confirm, cancel, call-back, STOP/START, and bad input that never gets a 500.</summary>
public sealed class SmsReplyTests(TestServers servers)
{
    [Fact]
    public async Task ReplyX_CancelsTheNextAppointment_FreesTheSlot_AndRepliesOnce()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var id = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557101");
        await kit.PlanAsync();
        using var http = kit.Factory.CreateClient();

        var (status, twiml) = await kit.TextAsync(http, "+14165557101", " x ");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Maple Dental Clinic: your cleaning on Tue, Nov 3 at 10:00 AM is cancelled. Call us to book again.", SmsTestKit.Reply(twiml));

        await using var db = kit.Db();
        var appointment = await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
        var rows = await kit.OutboxAsync(id);
        Assert.DoesNotContain(rows, m => m.Status == OutboxStatus.Pending && m.Topic != "sms.confirmation" && m.Topic.StartsWith("sms.", StringComparison.Ordinal));
        var inbound = await db.InboundMessages.IgnoreQueryFilters().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((InboundIntent.Cancel, id, " x "), (inbound.Intent, inbound.AppointmentId, inbound.Body));

        // The same staff member at the same time is free again.
        await using var scope = kit.TenantScope();
        var again = await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(kit.CleaningId, appointment.StaffMemberId,
            appointment.StartUtc, AppointmentSource.Portal, "test", CustomerName: "Someone Else", CustomerPhone: "+14165557199"), TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Booked, again.Status);

        await kit.DeliverAsync();
        Assert.DoesNotContain(kit.Twilio.SentTo("+14165557101"), m => m.Body.Contains("cancelled", StringComparison.Ordinal) || m.Body.Contains("booked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplyOui_ConfirmsInFrench_ReplyR_AsksForACallBack_OtherTextWaitsForStaff()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var id = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557102", language: "fr-CA");
        using var http = kit.Factory.CreateClient();

        var (_, confirm) = await kit.TextAsync(http, "+14165557102", "Oui!");
        Assert.Equal("Maple Dental Clinic : merci, votre rendez-vous (nettoyage) du mar. 3 nov. à 10 h 00 est confirmé.", SmsTestKit.Reply(confirm));
        var (_, callBack) = await kit.TextAsync(http, "+14165557102", "R");
        Assert.Equal("Maple Dental Clinic : merci, nous vous rappellerons bientôt.", SmsTestKit.Reply(callBack));
        var (_, other) = await kit.TextAsync(http, "+14165557102", "C'est possible de venir plus tôt?");
        Assert.Null(SmsTestKit.Reply(other));

        await using var db = kit.Db();
        Assert.Equal(AppointmentStatus.Confirmed, (await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken)).Status);
        var stored = await db.InboundMessages.IgnoreQueryFilters().OrderBy(m => m.ReceivedUtc).ThenBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([InboundIntent.Confirm, InboundIntent.CallBack, InboundIntent.Other], stored.Select(m => m.Intent));
        Assert.Equal([false, true, true], stored.Select(m => m.NeedsAttention));
    }

    [Fact]
    public async Task Stop_BlocksEveryFurtherMessage_Start_OptsBackIn()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var id = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557103");
        using var http = kit.Factory.CreateClient();

        var (status, twiml) = await kit.TextAsync(http, "+14165557103", "ARRÊT");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(SmsTestKit.Reply(twiml));
        await kit.PlanAsync();
        kit.Time.Advance(TimeSpan.FromDays(10));
        await kit.DeliverAsync();
        Assert.Empty(kit.Twilio.SentTo("+14165557103"));
        var rows = await kit.OutboxAsync(id);
        Assert.Equal(OutboxStatus.Failed, Assert.Single(rows).Status);

        await kit.TextAsync(http, "+14165557103", "start");
        await using var db = kit.Db();
        Assert.False((await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Phone == "+14165557103", TestContext.Current.CancellationToken)).SmsOptedOut);
    }

    [Fact]
    public async Task Cancel_IsAlsoTwiliosOptOutWord_CancelsAndOptsOut()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var id = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557104");
        using var http = kit.Factory.CreateClient();
        var (_, twiml) = await kit.TextAsync(http, "+14165557104", "CANCEL");
        Assert.Null(SmsTestKit.Reply(twiml));
        await using var db = kit.Db();
        Assert.Equal(AppointmentStatus.Cancelled, (await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken)).Status);
        Assert.True((await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Phone == "+14165557104", TestContext.Current.CancellationToken)).SmsOptedOut);
    }

    [Fact]
    public async Task BadInput_UnsignedRefused_UnknownNumbersEmptyEmojiAndLongBodies_NeverA500()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557105");
        using var http = kit.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await kit.TextAsync(http, "+14165557105", "X", signed: false)).Status);
        var cases = new (string From, string Body, string? To)[]
        {
            ("+14165557105", "", null),
            ("+14165557105", "   ", null),
            ("+14165557105", "👍🦷😀", null),
            ("+14165557105", new string('é', 5000), null),
            ("+19995550000", "X", null),
            ("not a number", "hello", null),
            ("+14165557105", "X", "+15555559999"),
            ("+14165557105", "X", "garbage"),
        };
        foreach (var (from, body, to) in cases)
        {
            var (status, twiml) = await kit.TextAsync(http, from, body, to);
            Assert.True(status == HttpStatusCode.OK, $"{status} for '{body[..Math.Min(10, body.Length)]}' from {from} to {to}");
            Assert.Equal("Response", twiml!.Root!.Name.LocalName);
        }
        // The same MessageSid twice is handled once.
        await kit.TextAsync(http, "+14165557105", "hello again", sid: "SMsame");
        await kit.TextAsync(http, "+14165557105", "hello again", sid: "SMsame");

        await using var db = kit.Db();
        var stored = await db.InboundMessages.IgnoreQueryFilters().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(7, stored.Count);
        Assert.Equal(1600, stored.Max(m => m.Body.Length));
        Assert.Contains(stored, m => m.Body == "👍🦷😀" && m.Intent == InboundIntent.Other);
        Assert.Contains(stored, m => m.From == "+19995550000" && m.CustomerId == null && m.Intent == InboundIntent.Cancel);
        Assert.Single(stored, m => m.MessageSid == "SMsame");
        Assert.Equal(AppointmentStatus.Booked, (await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.CustomerId != Guid.Empty && a.StartUtc > new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc), TestContext.Current.CancellationToken)).Status);
    }
}
