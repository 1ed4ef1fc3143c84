using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Appointments;

namespace VoiceFlow.Web.Tests.ScaleOut;

/// <summary>
/// Two instances of the app (Kestrel, two ports) on one PostgreSQL database and one Redis, as behind a load balancer
/// without sticky webhooks: a call's webhooks alternate between them and book; the other instance's portal hears of it;
/// a cookie and an antiforgery token from one work on the other; Hangfire runs each job once.
/// </summary>
[Collection(TwoInstanceCollection.Name)]
public sealed partial class TwoInstanceTests(TestServers servers)
{
    // Tuesday, November 24th 2026, 10:00 in Toronto.
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TwoInstances_ShareCallsBookingsLiveUpdatesCookiesAndJobs()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FixedTimeProvider(TuesdayMorning);
        await using var a = await VoiceFlowAppFactory.CreateAsync(servers, time: time,
            extra: new Dictionary<string, string?> { ["ScaleOut:Instance"] = "A", ["Messaging:BackgroundDelivery"] = "false",
                // The app's own recurring jobs (and the analytics catch-up at start) would share the two workers with the probes.
                ["Messaging:RecurringJobs"] = "false", ["CalendarSync:RecurringJobs"] = "false", ["Privacy:RecurringJobs"] = "false" });
        var urlA = a.StartKestrel();
        await using var b = await VoiceFlowAppFactory.CreateAsync(servers, time: time, extra: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = a.ConnectionString,
            ["ScaleOut:Instance"] = "B",
            ["Messaging:RecurringJobs"] = "false",
            ["CalendarSync:RecurringJobs"] = "false",
            ["Privacy:RecurringJobs"] = "false",
            ["Messaging:BackgroundDelivery"] = "false",
        });
        var urlB = b.StartKestrel();
        Assert.NotEqual(urlA.Port, urlB.Port);
        Assert.Equal(a.ConnectionString, b.ConnectionString);

        Guid businessId;
        await using (var db = a.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null))
        {
            businessId = await db.Businesses.IgnoreQueryFilters().Select(x => x.Id).SingleAsync(ct);
            Assert.Equal(1, await db.Businesses.IgnoreQueryFilters().CountAsync(ct));
        }

        // Each instance's portal listens for appointment changes.
        var heardOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heardOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Services.GetRequiredService<AppointmentChangeNotifier>().Changed += id => { if (id == businessId) { heardOnA.TrySetResult(); } };
        b.Services.GetRequiredService<AppointmentChangeNotifier>().Changed += id => { if (id == businessId) { heardOnB.TrySetResult(); } };

        // A call whose webhooks alternate between the instances, each signed with the URL it was sent to.
        using var httpA = new HttpClient { BaseAddress = urlA };
        using var httpB = new HttpClient { BaseAddress = urlB };
        var call = new AlternatingCall([httpA, httpB], "CA-scaleout-" + Guid.NewGuid().ToString("N")[..8]);
        await call.PostAsync("/twilio/voice/incoming");
        Assert.Contains("Maple Dental Clinic", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("I'd like to book a cleaning next tuesday around 10");
        Assert.Contains("Tuesday, December 1st at 10 AM", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("Jean Tremblay");
        await call.SayAsync("yes");
        Assert.Contains("Shall I book it?", call.Spoken, StringComparison.Ordinal);
        var bookingInstance = call.Next;
        await call.SayAsync("yes please");
        Assert.Contains("You're booked", call.Spoken, StringComparison.Ordinal);
        await call.SayAsync("no that's all");
        Assert.Contains("Goodbye", call.Spoken, StringComparison.Ordinal);
        await call.PostAsync("/twilio/voice/status", new Dictionary<string, string> { ["CallStatus"] = "completed", ["CallDuration"] = "61" });
        Assert.Equal(7, call.Requests);
        Assert.Equal([4, 3], call.PerInstance);

        await using (var db = b.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null))
        {
            var record = await db.Calls.IgnoreQueryFilters().SingleAsync(c => c.CallSid == call.CallSid, ct);
            Assert.Equal((CallOutcome.Booked, 61), (record.Outcome, record.DurationSeconds));
            var turns = await db.CallTurns.IgnoreQueryFilters().Where(t => t.CallId == record.Id).OrderBy(t => t.Sequence).Select(t => t.Sequence).ToListAsync(ct);
            Assert.Equal(Enumerable.Range(1, turns.Count), turns);
            Assert.Equal(1, await db.Appointments.IgnoreQueryFilters().CountAsync(x => x.IdempotencyKey == call.CallSid, ct));
        }

        // The booking, made on one instance, reaches the other instance's portal (Redis pub/sub) and shows there.
        var other = bookingInstance == 0 ? heardOnB : heardOnA;
        await other.Task.WaitAsync(TimeSpan.FromSeconds(15), ct);
        await using (var scope = (bookingInstance == 0 ? b : a).Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
            var appointments = scope.ServiceProvider.GetRequiredService<AppointmentsService>();
            var setup = (await appointments.LoadSetupAsync(ct))!;
            var week = await appointments.LoadRangeAsync(setup.Business, new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7), null, ct);
            Assert.Contains(week, x => x.CustomerName == "Jean Tremblay" && x.StartLocal == new DateTime(2026, 12, 1, 10, 0, 0) && x.Status == AppointmentStatus.Booked);
        }

        // Data protection keys are shared: antiforgery from A validates on B, B's auth cookie opens A's portal.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);
        var loginPage = await browser.GetStringAsync(new Uri(urlA, "/Account/Login"), ct);
        var token = AntiforgeryToken().Match(loginPage).Groups[1].Value;
        using var signIn = await browser.PostAsync(new Uri(urlB, "/Account/Login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = VoiceFlowAppFactory.OwnerEmail,
            ["Input.Password"] = VoiceFlowAppFactory.Password,
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(handler.CookieContainer.GetCookies(urlB), c => c.Name == "vf.auth");
        using var portalOnA = await browser.GetAsync(new Uri(urlA, "/customers"), ct);
        Assert.Equal(HttpStatusCode.OK, portalOnA.StatusCode);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var refused = await anonymous.GetAsync(new Uri(urlA, "/customers"), ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);

        // Hangfire on PostgreSQL: both instances' servers take from one queue, and each job runs once.
        var tokens = Enumerable.Range(0, 20).Select(i => $"{call.CallSid}-job-{i}").ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var jobs = (i % 2 == 0 ? a : b).Services.GetRequiredService<IBackgroundJobClient>();
            jobs.Enqueue<ScaleOutProbeJob>(j => j.Run(tokens[i]));
        }
        await WaitUntilAsync(() => tokens.All(t => ScaleOutProbeJob.Runs.Any(r => r.Token == t)), TimeSpan.FromSeconds(120), "the 20 enqueued jobs", ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.All(tokens, t => Assert.Single(ScaleOutProbeJob.Runs, r => r.Token == t));

        // A recurring job registered by both instances (as every instance does at start) exists once and fires once per occurrence.
        var recurring = "R" + call.CallSid;
        foreach (var app in new[] { a, b })
        {
            app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ScaleOutProbeJob>("scaleout-probe", j => j.Run(recurring), "*/10 * * * * *");
        }
        await using (var db = a.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null))
        {
            var count = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM hangfire.set WHERE key = 'recurring-jobs' AND value = 'scaleout-probe'").SingleAsync(ct);
            Assert.Equal(1, count);
        }
        await WaitUntilAsync(() => ScaleOutProbeJob.Runs.Count(r => r.Token == recurring) >= 2, TimeSpan.FromSeconds(120), "two runs of the recurring job", ct);
        foreach (var app in new[] { a, b })
        {
            app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists("scaleout-probe");
        }
        var runs = ScaleOutProbeJob.Runs.Where(r => r.Token == recurring).Select(r => r.Timestamp).Order().ToList();
        var gaps = runs.Zip(runs.Skip(1), (x, y) => Stopwatch.GetElapsedTime(x, y)).ToList();
        Assert.All(gaps, gap => Assert.True(gap > TimeSpan.FromSeconds(4), $"two runs of one occurrence {gap.TotalSeconds:F1} s apart"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            }
            await Task.Delay(200, ct);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>Plays Twilio, sending each webhook to the next instance in turn, signed with that instance's URL.</summary>
    private sealed class AlternatingCall(HttpClient[] instances, string callSid)
    {
        private string? _action;

        public string CallSid { get; } = callSid;
        public int Requests { get; private set; }
        public int[] PerInstance { get; } = new int[instances.Length];
        public int Next => Requests % instances.Length;
        public string Spoken { get; private set; } = "";

        public async Task PostAsync(string path, IDictionary<string, string>? extra = null)
        {
            var form = new Dictionary<string, string>
            {
                ["CallSid"] = CallSid,
                ["AccountSid"] = "AC00000000000000000000000000000000",
                ["From"] = "+14165557788",
                ["To"] = VoiceFlowAppFactory.DemoPhone,
                ["CallStatus"] = "in-progress",
                ["Direction"] = "inbound",
            };
            foreach (var (k, v) in extra ?? new Dictionary<string, string>())
            {
                form[k] = v;
            }
            var instance = Next;
            var http = instances[instance];
            using var request = TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, new Uri(http.BaseAddress!, path), form);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Requests++;
            PerInstance[instance]++;
            if (response.Content.Headers.ContentType?.MediaType == "application/xml")
            {
                var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
                Spoken = string.Join(" ", twiml.Descendants("Say").Select(s => s.Value));
                _action = twiml.Descendants().Select(e => e.Attribute("action")?.Value).LastOrDefault(x => x is not null) ?? _action;
            }
        }

        public Task SayAsync(string speech) =>
            PostAsync(_action ?? "/twilio/voice/gather", new Dictionary<string, string> { ["SpeechResult"] = speech, ["Confidence"] = "0.92" });
    }
}
