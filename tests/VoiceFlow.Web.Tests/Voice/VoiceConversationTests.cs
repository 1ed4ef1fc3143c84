using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Sessions;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Tests.Voice;

/// <summary>
/// Whole calls through the real webhooks (signed like Twilio, following the TwiML's action URLs) on PostgreSQL and
/// Redis, asserting on what the caller hears and on what the database holds afterwards.
/// </summary>
public sealed class VoiceConversationTests(TestServers servers)
{
    // Tuesday, November 24th 2026, 10:00 in Toronto.
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private static async Task<(VoiceFlowAppFactory Factory, HttpClient Http)> AppAsync(TestServers servers, DateTimeOffset now)
    {
        var factory = await VoiceFlowAppFactory.CreateAsync(servers, time: new FixedTimeProvider(now));
        return (factory, factory.CreateClient());
    }

    private static VoiceFlowDbContext Db(VoiceFlowAppFactory factory) => factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);

    private static async Task<Call> CallAsync(VoiceFlowAppFactory factory, string sid)
    {
        await using var db = Db(factory);
        return await db.Calls.IgnoreQueryFilters().SingleAsync(c => c.CallSid == sid);
    }

    [Fact]
    public async Task ReferenceCall_English_BooksCleaning_TextsConfirmation_RecordsTranscript()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var call = new TwilioClient(http, "CAref-en-" + Guid.NewGuid().ToString("N")[..8], from: "+14165557777");

        var answer = await call.PostAsync("/twilio/voice/incoming");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Maple Dental Clinic", call.Spoken, StringComparison.Ordinal);
        var gather = Assert.Single(call.LastTwiml!.Descendants("Gather"));
        Assert.Equal("speech dtmf", gather.Attribute("input")!.Value);
        Assert.Equal("en-CA", gather.Attribute("language")!.Value);
        // The action names the version of the session this step saved (the next webhook continues it).
        Assert.Matches(@"^/twilio/voice/gather\?v=[0-9a-f]{16}$", gather.Attribute("action")!.Value);
        Assert.Equal("true", gather.Attribute("actionOnEmptyResult")!.Value);
        Assert.Contains("Cleaning", gather.Attribute("hints")!.Value, StringComparison.Ordinal);

        await call.SayAsync("um hi I'd like to book a cleaning next tuesday around 10");
        Assert.Contains("Tuesday, December 1st at 10 AM", call.Spoken, StringComparison.Ordinal);
        Assert.Contains("name", call.Spoken, StringComparison.OrdinalIgnoreCase);
        await call.SayAsync("Jean Tremblay");
        Assert.Contains("Jean", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("yes");
        Assert.Contains("Shall I book it?", call.Spoken, StringComparison.Ordinal);
        Assert.Contains("Jean Tremblay", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("yes please");
        Assert.Contains("You're booked", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("no that's all");
        Assert.Contains("Goodbye", call.Spoken, StringComparison.Ordinal);
        Assert.Single(call.LastTwiml!.Descendants("Hangup"));
        await call.PostAsync("/twilio/voice/status", new Dictionary<string, string> { ["CallStatus"] = "completed", ["CallDuration"] = "74" });

        await using var db = Db(factory);
        var record = await CallAsync(factory, call.CallSid);
        Assert.Equal(CallOutcome.Booked, record.Outcome);
        Assert.Equal(74, record.DurationSeconds);
        Assert.NotNull(record.EndedUtc);
        var appointment = await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == record.AppointmentId, TestContext.Current.CancellationToken);
        Assert.Equal((AppointmentSource.Phone, call.CallSid), (appointment.Source, appointment.IdempotencyKey));
        Assert.Equal(new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc), appointment.StartUtc);
        var customer = await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == appointment.CustomerId, TestContext.Current.CancellationToken);
        Assert.Equal(("Jean Tremblay", "+14165557777"), (customer.Name, customer.Phone));
        Assert.Equal(record.CustomerId, customer.Id);
        Assert.True(await db.OutboxMessages.IgnoreQueryFilters().AnyAsync(m => m.AppointmentId == appointment.Id && m.Topic == "sms.confirmation", TestContext.Current.CancellationToken));
        var turns = await db.CallTurns.IgnoreQueryFilters().Where(t => t.CallId == record.Id).OrderBy(t => t.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(11, turns.Count);
        Assert.Equal(Speaker.Agent, turns[0].Speaker);
        Assert.Equal("um hi I'd like to book a cleaning next tuesday around 10", turns[1].Text);
        Assert.Equal(0.92, turns[1].Confidence);
        Assert.Equal(Enumerable.Range(1, 11), turns.Select(t => t.Sequence));
        Assert.Null(await factory.Services.GetRequiredService<ICallSessionStore>().GetAsync(call.CallSid, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReferenceCall_French_BooksInFrench()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var call = new TwilioClient(http, "CAref-fr-" + Guid.NewGuid().ToString("N")[..8], from: "+15145550142");
        await call.PostAsync("/twilio/voice/incoming");
        await call.SayAsync("français");
        Assert.Equal("fr-CA", call.LastTwiml!.Descendants("Gather").Single().Attribute("language")!.Value);
        await call.SayAsync("je voudrais un nettoyage mardi prochain vers dix heures");
        Assert.Contains("1er décembre à 10 h", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("Marie-Ève Gagnon");
        await call.SayAsync("oui");
        Assert.Contains("Je le réserve?", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("oui");
        Assert.Contains("C'est confirmé", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("non merci");
        Assert.Contains("Au revoir", call.Spoken, StringComparison.Ordinal);

        var record = await CallAsync(factory, call.CallSid);
        Assert.Equal(("fr-CA", CallOutcome.Booked), (record.Language, record.Outcome));
        await using var db = Db(factory);
        var customer = await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Phone == "+15145550142", TestContext.Current.CancellationToken);
        Assert.Equal(("Marie-Ève Gagnon", "fr-CA"), (customer.Name, customer.Language));
    }

    [Fact]
    public async Task SlotTakenMidCall_OffersAlternatives_CallerTakesTheFirst()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var call = new TwilioClient(http, "CAtaken-" + Guid.NewGuid().ToString("N")[..8], from: "+14165553333");
        await call.PostAsync("/twilio/voice/incoming");
        await call.SayAsync("I'd like a checkup on Wednesday December 2nd at 11");
        Assert.Contains("11 AM is free", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("Paul Roy");
        await call.SayAsync("yes");

        // While the caller listens to the read-back, the front desk books both people who do checkups at 11.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await using var db = Db(factory);
            var business = await db.Businesses.IgnoreQueryFilters().SingleAsync(TestContext.Current.CancellationToken);
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(business.Id);
            var checkup = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == "Checkup", TestContext.Current.CancellationToken);
            var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
            var result = await booking.BookAsync(new BookingRequest(checkup.Id, null, new DateTime(2026, 12, 2, 16, 0, 0, DateTimeKind.Utc), AppointmentSource.Portal, "test",
                CustomerName: "Walk In", CustomerPhone: "+14165550001"), TestContext.Current.CancellationToken);
            Assert.Equal(BookingStatus.Booked, result.Status);
        }

        await call.SayAsync("yes");
        Assert.Contains("taken", call.Spoken, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("You're booked", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("the first one");
        await call.SayAsync("yes");
        Assert.Contains("You're booked", call.Spoken, StringComparison.Ordinal);
        var record = await CallAsync(factory, call.CallSid);
        Assert.Equal(CallOutcome.Booked, record.Outcome);
        await using var check = Db(factory);
        var booked = await check.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == record.AppointmentId, TestContext.Current.CancellationToken);
        Assert.NotEqual(new DateTime(2026, 12, 2, 16, 0, 0, DateTimeKind.Utc), booked.StartUtc);
    }

    [Fact]
    public async Task FullWeeks_AlternativesComeFromBeyondThem_AndAreReallyFree()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var ct = TestContext.Current.CancellationToken;
        // The clinic is closed from December 2nd to 17th, and everyone who does checkups is booked at 9:00 on Friday
        // the 18th: the first free checkup after the 2nd is the 18th, later than 9:00. The receptionist loads two weeks
        // of bookings first; it once offered 9:00 on the 18th from past the end of what it had loaded, and the booking
        // then failed with "that time was just taken".
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await using var db = Db(factory);
            var business = await db.Businesses.IgnoreQueryFilters().SingleAsync(ct);
            db.Closures.Add(new VoiceFlow.Domain.Scheduling.Closure(business.Id, new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 17), "Renovation"));
            await db.SaveChangesAsync(ct);
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(business.Id);
            var checkup = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == "Checkup", ct);
            var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
            var taken = 0;
            for (var i = 1; i <= 5; i++)
            {
                var result = await booking.BookAsync(new BookingRequest(checkup.Id, null, new DateTime(2026, 12, 18, 14, 0, 0, DateTimeKind.Utc), AppointmentSource.Portal, "test",
                    CustomerName: $"Walk In {i}", CustomerPhone: $"+1416555000{i}"), ct);
                if (result.Status != BookingStatus.Booked)
                {
                    Assert.Equal(BookingStatus.Unavailable, result.Status);
                    break;
                }
                taken++;
            }
            Assert.InRange(taken, 1, 4);
        }

        var call = new TwilioClient(http, "CAfull-" + Guid.NewGuid().ToString("N")[..8], from: "+14165554444");
        await call.PostAsync("/twilio/voice/incoming");
        await call.SayAsync("I'd like a checkup on Wednesday December 2nd at 11");
        Assert.Contains("December 18th", call.Spoken, StringComparison.Ordinal);
        Assert.DoesNotContain("December 18th at 9 AM", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("the first one");
        await call.SayAsync("Nadia Haddad");
        await call.SayAsync("yes");
        await call.SayAsync("yes");
        Assert.Contains("You're booked", call.Spoken, StringComparison.Ordinal);
        Assert.DoesNotContain("just taken", call.Spoken, StringComparison.Ordinal);
        var record = await CallAsync(factory, call.CallSid);
        await using var check = Db(factory);
        var booked = await check.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == record.AppointmentId, ct);
        Assert.Equal(new DateOnly(2026, 12, 18), DateOnly.FromDateTime(booked.StartUtc));
        Assert.True(booked.StartUtc > new DateTime(2026, 12, 18, 14, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task RepeatedWebhook_NeverBooksTwice()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var call = new TwilioClient(http, "CArepeat-" + Guid.NewGuid().ToString("N")[..8], from: "+14165554444");
        await call.PostAsync("/twilio/voice/incoming");
        await call.PostAsync("/twilio/voice/incoming"); // Twilio retried the first webhook.
        await call.SayAsync("book a cleaning on thursday december 3rd at 2 pm");
        await call.SayAsync("Ann Lee");
        await call.SayAsync("yes");
        await call.SayAsync("yes");
        Assert.Contains("You're booked", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("yes"); // A late duplicate of the last Gather.
        await using var db = Db(factory);
        Assert.Equal(1, await db.Appointments.IgnoreQueryFilters().CountAsync(a => a.IdempotencyKey == call.CallSid, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Calls.IgnoreQueryFilters().CountAsync(c => c.CallSid == call.CallSid, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SilenceTwice_WhenOpen_TransfersToStaff_ThenVoicemailWhenNoAnswer()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var call = new TwilioClient(http, "CAsilent-" + Guid.NewGuid().ToString("N")[..8]);
        await call.PostAsync("/twilio/voice/incoming");
        var first = call.Spoken;
        await call.SayAsync(null);
        Assert.NotEqual(first, call.Spoken);
        await call.SayAsync(null);
        var dial = Assert.Single(call.LastTwiml!.Descendants("Dial"));
        Assert.Equal("+14165550199", dial.Value.Trim());
        Assert.Matches(@"^/twilio/voice/dial\?v=[0-9a-f]{16}$", dial.Attribute("action")!.Value);
        await call.PostAsync(dial.Attribute("action")!.Value, new Dictionary<string, string> { ["DialCallStatus"] = "no-answer" });
        var record = Assert.Single(call.LastTwiml!.Descendants("Record"));
        Assert.Matches(@"^/twilio/voice/recording\?v=[0-9a-f]{16}$", record.Attribute("action")!.Value);
        await call.PostAsync(record.Attribute("action")!.Value, new Dictionary<string, string> { ["RecordingUrl"] = "https://api.twilio.com/recordings/RE123" });
        Assert.Single(call.LastTwiml!.Descendants("Hangup"));
        var stored = await CallAsync(factory, call.CallSid);
        Assert.Equal(CallOutcome.Voicemail, stored.Outcome);
        Assert.Equal("https://api.twilio.com/recordings/RE123", stored.RecordingUrl);
    }

    [Fact]
    public async Task NextWebhook_ContinuesTheSessionItsActionUrlNames_WithoutTheStore_OtherwiseReadsTheStore()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var store = factory.Services.GetRequiredService<ICallSessionStore>();
        var call = new TwilioClient(http, "CAkept-" + Guid.NewGuid().ToString("N")[..8]);
        await call.PostAsync("/twilio/voice/incoming");
        var greeting = call.Spoken;

        // The step's action URL names the session it saved, which this instance kept: the store is not needed.
        await store.RemoveAsync(call.CallSid, TestContext.Current.CancellationToken);
        await call.SayAsync("I'd like to book a cleaning");
        Assert.DoesNotContain("Maple Dental Clinic", call.Spoken, StringComparison.Ordinal);
        Assert.Contains("What day and time", call.Spoken, StringComparison.Ordinal);
        Assert.NotNull(await store.GetAsync(call.CallSid, TestContext.Current.CancellationToken));

        // A webhook naming no version (or another instance's) reads the store: here it has lost the call, which
        // begins again politely.
        await store.RemoveAsync(call.CallSid, TestContext.Current.CancellationToken);
        await call.PostAsync("/twilio/voice/gather", new Dictionary<string, string> { ["SpeechResult"] = "next tuesday", ["Confidence"] = "0.9" });
        Assert.Equal(greeting, call.Spoken);
    }

    [Fact]
    public async Task AfterHours_Silence_GoesToVoicemail_ButCallerCanStillBook()
    {
        // Tuesday 22:00 in Toronto.
        var (factory, http) = await AppAsync(servers, TuesdayMorning.AddHours(12));
        await using var _ = factory;
        var silent = new TwilioClient(http, "CAnight-" + Guid.NewGuid().ToString("N")[..8]);
        await silent.PostAsync("/twilio/voice/incoming");
        await silent.SayAsync(null);
        await silent.SayAsync(null);
        Assert.Empty(silent.LastTwiml!.Descendants("Dial"));
        Assert.Single(silent.LastTwiml!.Descendants("Record"));

        var booker = new TwilioClient(http, "CAnightbook-" + Guid.NewGuid().ToString("N")[..8], from: "+14165556666");
        await booker.PostAsync("/twilio/voice/incoming");
        await booker.SayAsync("can I book a checkup tomorrow at 11");
        Assert.Contains("11 AM is free", booker.Spoken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerAsksForAPerson_OrPressesZero_IsTransferred()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var asks = new TwilioClient(http, "CAhuman-" + Guid.NewGuid().ToString("N")[..8]);
        await asks.PostAsync("/twilio/voice/incoming");
        await asks.SayAsync("can I talk to a real person");
        Assert.Single(asks.LastTwiml!.Descendants("Dial"));
        Assert.Equal(CallOutcome.Transferred, (await CallAsync(factory, asks.CallSid)).Outcome);

        var presses = new TwilioClient(http, "CAzero-" + Guid.NewGuid().ToString("N")[..8]);
        await presses.PostAsync("/twilio/voice/incoming");
        await presses.SayAsync(null, digits: "0");
        Assert.Single(presses.LastTwiml!.Descendants("Dial"));
    }

    [Fact]
    public async Task Nonsense_And_HostileInput_GetPoliteRepromptsNever500()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        var call = new TwilioClient(http, "CAnonsense-" + Guid.NewGuid().ToString("N")[..8]);
        await call.PostAsync("/twilio/voice/incoming");
        foreach (var junk in new[] { "purple monkey dishwasher", "'; DROP TABLE \"Appointments\"; --", "<Say>hello</Say>", "🦷🦷🦷", new string('x', 3000) })
        {
            var response = await call.SayAsync(junk, confidence: 0.3);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(call.LastTwiml);
            if (call.LastTwiml!.Descendants("Gather").Any() is false)
            {
                break; // Handed over to staff or voicemail after repeated failures: also fine.
            }
        }
        await using var db = Db(factory);
        Assert.True(await db.Appointments.IgnoreQueryFilters().AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task KnownCaller_IsGreetedByName_ReschedulesThenCancels()
    {
        var (factory, http) = await AppAsync(servers, TuesdayMorning);
        await using var _ = factory;
        // Book Marie an appointment first, through a call.
        var first = new TwilioClient(http, "CAmarie1-" + Guid.NewGuid().ToString("N")[..8], from: "+14165558888");
        await first.PostAsync("/twilio/voice/incoming");
        await first.SayAsync("I need a cleaning on thursday december 3rd at 10 am");
        await first.SayAsync("Marie Lambert");
        await first.SayAsync("yes");
        await first.SayAsync("yes");
        Assert.Contains("You're booked", first.Spoken, StringComparison.Ordinal);
        await first.SayAsync("no thanks");

        var again = new TwilioClient(http, "CAmarie2-" + Guid.NewGuid().ToString("N")[..8], from: "+14165558888");
        await again.PostAsync("/twilio/voice/incoming");
        Assert.Contains("Marie", again.Spoken, StringComparison.Ordinal);
        Assert.Contains("Thursday", again.Spoken, StringComparison.Ordinal);
        await again.SayAsync("I need to move it to friday december 4th at 2 pm");
        for (var i = 0; i < 3 && !again.Spoken.Contains("moved", StringComparison.OrdinalIgnoreCase) && !again.Spoken.Contains("all set", StringComparison.OrdinalIgnoreCase); i++)
        {
            await again.SayAsync("yes");
        }
        var moved = await CallAsync(factory, again.CallSid);
        await using (var db = Db(factory))
        {
            var said = await db.CallTurns.IgnoreQueryFilters().Where(t => t.CallId == moved.Id).OrderBy(t => t.Sequence).Select(t => t.Speaker + ": " + t.Text).ToListAsync(TestContext.Current.CancellationToken);
            Assert.True(moved.Outcome == CallOutcome.Rescheduled, string.Join("\n", said));
        }
        await using (var db = Db(factory))
        {
            var appointment = await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.IdempotencyKey == first.CallSid, TestContext.Current.CancellationToken);
            Assert.Equal(new DateTime(2026, 12, 4, 19, 0, 0, DateTimeKind.Utc), appointment.StartUtc);
        }

        var third = new TwilioClient(http, "CAmarie3-" + Guid.NewGuid().ToString("N")[..8], from: "+14165558888");
        await third.PostAsync("/twilio/voice/incoming");
        Assert.Contains("Friday", third.Spoken, StringComparison.Ordinal);
        await third.SayAsync("I want to cancel it");
        await third.SayAsync("yes");
        Assert.Contains("cancelled", third.Spoken, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CallOutcome.Cancelled, (await CallAsync(factory, third.CallSid)).Outcome);
        await using (var db = Db(factory))
        {
            var appointment = await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.IdempotencyKey == first.CallSid, TestContext.Current.CancellationToken);
            Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
        }
    }
}
