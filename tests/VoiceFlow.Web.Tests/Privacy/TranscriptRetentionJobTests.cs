using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Privacy;
using VoiceFlow.Web.Features.Settings;

namespace VoiceFlow.Web.Tests.Privacy;

public sealed class TranscriptRetentionJobTests(TestServers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_DeletesTranscriptsAndRecordingsOlderThanTheBusinessRetention_KeepsTheCalls_AndIsIdempotent()
    {
        var time = new FixedTimeProvider(Start);
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, time: time,
            extra: new Dictionary<string, string?> { ["Privacy:RecurringJobs"] = "false", ["Messaging:RecurringJobs"] = "false", ["Messaging:BackgroundDelivery"] = "false" });
        var ct = TestContext.Current.CancellationToken;
        var holder = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        Guid businessId;
        await using (var db = holder.Create(null))
        {
            businessId = await db.Businesses.IgnoreQueryFilters().Select(b => b.Id).SingleAsync(ct);
            foreach (var (sid, daysAgo) in new[] { ("CA-old", 40), ("CA-edge", 29), ("CA-new", 2) })
            {
                var call = new Call(businessId, sid, "+14165550123", VoiceFlowAppFactory.DemoPhone, "en-CA", Start.UtcDateTime.AddDays(-daysAgo));
                db.Calls.Add(call);
                db.CallTurns.Add(call.AddTurn(Speaker.Agent, "Hello", null, call.StartedUtc));
                db.CallTurns.Add(call.AddTurn(Speaker.Caller, "I'd like a cleaning", 0.9, call.StartedUtc.AddSeconds(5)));
                call.RecordVoicemail("https://api.twilio.com/recordings/" + sid);
                call.End(call.StartedUtc.AddMinutes(2), 120, "completed");
            }
            await db.SaveChangesAsync(ct);
        }
        var job = factory.Services.GetRequiredService<TranscriptRetentionJob>();
        var keptBefore = await TurnsAsync(holder, ct);

        // No retention set: nothing goes.
        Assert.Equal(0, await job.RunAsync(ct));
        Assert.Equal(keptBefore, await TurnsAsync(holder, ct));

        await using (var scope = CustomerErasureTests.TenantScope(factory, businessId))
        {
            var settings = scope.ServiceProvider.GetRequiredService<BusinessSettingsService>();
            var form = (await settings.LoadAsync(ct))!;
            form.RetentionDays = 0;
            Assert.Equal("retentionDays", (await settings.SaveProfileAsync(form, "owner", ct)).Field);
            form.RetentionDays = 30;
            Assert.True((await settings.SaveProfileAsync(form, "owner", ct)).Succeeded);
            Assert.Equal(30, (await settings.LoadAsync(ct))!.RetentionDays);
        }

        var expired = await job.RunAsync(ct);
        Assert.True(expired >= 1);
        await using (var db = holder.Create(null))
        {
            var calls = await db.Calls.IgnoreQueryFilters().Where(c => c.CallSid.StartsWith("CA-")).ToDictionaryAsync(c => c.CallSid, ct);
            Assert.Equal(3, new[] { "CA-old", "CA-edge", "CA-new" }.Count(calls.ContainsKey));
            Assert.Null(calls["CA-old"].RecordingUrl);
            Assert.Equal(CallOutcome.Voicemail, calls["CA-old"].Outcome);
            Assert.Equal(0, await db.CallTurns.IgnoreQueryFilters().CountAsync(t => t.CallId == calls["CA-old"].Id, ct));
            Assert.NotNull(calls["CA-edge"].RecordingUrl);
            Assert.Equal(2, await db.CallTurns.IgnoreQueryFilters().CountAsync(t => t.CallId == calls["CA-edge"].Id, ct));
            Assert.Equal(2, await db.CallTurns.IgnoreQueryFilters().CountAsync(t => t.CallId == calls["CA-new"].Id, ct));
            Assert.False(await db.CallTurns.IgnoreQueryFilters().AnyAsync(t => db.Calls.IgnoreQueryFilters().Any(c => c.Id == t.CallId && c.StartedUtc < Start.UtcDateTime.AddDays(-30)), ct));
            Assert.True(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == "retention.transcripts_deleted" && a.Actor == "system", ct));
        }

        Assert.Equal(0, await job.RunAsync(ct));
        time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await job.RunAsync(ct));
        await using (var db = holder.Create(null))
        {
            var edge = await db.Calls.IgnoreQueryFilters().SingleAsync(c => c.CallSid == "CA-edge", ct);
            Assert.Equal(0, await db.CallTurns.IgnoreQueryFilters().CountAsync(t => t.CallId == edge.Id, ct));
        }
    }

    private static async Task<int> TurnsAsync(DatabaseOptionsHolder holder, CancellationToken ct)
    {
        await using var db = holder.Create(null);
        return await db.CallTurns.IgnoreQueryFilters().CountAsync(ct);
    }
}
