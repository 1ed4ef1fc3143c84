using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Analytics;

namespace VoiceFlow.Web.Tests.Analytics;

/// <summary>
/// The full report against hand-worked figures, read from the daily roll-ups, and the roll-up job itself: idempotent,
/// recomputable for any day, closed days read from roll-ups, today computed live. On SQLite and on PostgreSQL.
/// </summary>
public sealed class AnalyticsRollupTests(TestServers servers)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Report_FromRollups_MatchesHandComputedFigures(bool embedded)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded, new FixedTimeProvider(AnalyticsDataset.Now),
            new Dictionary<string, string?> { ["Messaging:RecurringJobs"] = "false" });
        var database = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        AnalyticsDataset.Seeded seeded;
        await using (var db = database.Create(null))
        {
            seeded = await AnalyticsDataset.SeedAsync(db, ct);
        }
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<DailyRollupJob>().RunAsync(ct) >= 14);
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(seeded.BusinessId);

        var report = await scope.ServiceProvider.GetRequiredService<AnalyticsService>().LoadAsync(AnalyticsDataset.WeekStart, AnalyticsDataset.WeekEnd, ct);

        Assert.NotNull(report);
        var now = report.Current;
        Assert.Equal(6, now.Calls);
        Assert.Equal(2, now.BookedByPhone);
        Assert.Equal(2.0 / 6, now.Conversion, 6);
        Assert.Equal(474.0 / 5, now.AverageCallSeconds, 6);          // 60 + 125 + 200 + 59 + 30 over five timed calls
        Assert.Equal(10, now.BilledMinutes);                          // 1 + 3 + 4 + 1 + 1
        Assert.Equal(3, now.Appointments);
        Assert.Equal(2, now.Completed);
        Assert.Equal(1, now.NoShows);
        Assert.Equal(1.0 / 3, now.NoShowRate, 6);
        Assert.Equal(280m, now.Revenue);
        Assert.Equal(1, now.NewCustomers);
        Assert.Equal(2, now.ReturningCustomers);
        Assert.Equal(3, now.HandledCalls);                            // two booked, one answered
        Assert.Equal(2, now.SmsSent);
        Assert.Equal(1, now.SmsConfirmations);
        Assert.Equal(1, now.SmsReminders);
        Assert.Equal(2, now.SmsSegments);                             // 128 and 160 GSM characters: one segment each
        Assert.Equal(1, now.SmsReplies);
        Assert.Equal(1, now.SmsReplySegments);

        Assert.Equal(1, report.Previous.Calls);
        Assert.Equal(0, report.Previous.BookedByPhone);
        Assert.Equal(45, report.Previous.AverageCallSeconds, 6);
        Assert.Equal(0, report.Previous.Appointments);

        Assert.Equal([1, 1, 1, 2, 0, 0, 1], report.Days.Select(d => d.Calls));
        Assert.Equal([1, 1, 0, 0, 0, 0, 0], report.Days.Select(d => d.Booked));
        Assert.Equal(
            [("Booked", 2), ("Abandoned", 1), ("Information", 1), ("Transferred", 1), ("Voicemail", 1)],
            report.Outcomes.Select(o => (o.Name, o.Count)).OrderByDescending(o => o.Count).ThenBy(o => o.Name, StringComparer.Ordinal));
        Assert.Equal([("en-CA", 5), ("fr-CA", 1)], report.Languages.Select(l => (l.Name, l.Count)));
        Assert.Equal([("Cleaning", 2), ("Checkup", 1)], report.Services.Select(s => (s.Name, s.Count)));
        Assert.Equal([2, 1], report.Staff.Select(s => s.Count));

        Assert.Equal(DayOfWeek.Monday, report.Heat[0].Day);
        Assert.Equal(DayOfWeek.Sunday, report.Heat[6].Day);
        int Heat(DayOfWeek day, int hour) => report.Heat.Single(r => r.Day == day).Hours[hour];
        Assert.Equal(1, Heat(DayOfWeek.Monday, 10));
        Assert.Equal(1, Heat(DayOfWeek.Tuesday, 10));
        Assert.Equal(1, Heat(DayOfWeek.Wednesday, 14));
        Assert.Equal(2, Heat(DayOfWeek.Thursday, 9));
        Assert.Equal(1, Heat(DayOfWeek.Sunday, 23));
        Assert.Equal(6, report.Heat.Sum(r => r.Hours.Sum()));

        // Default rates: 10 min × $0.03 = $0.30; 3 segments × $0.011 = $0.03; 3 calls × 4 min = 0.2 h × $24 = $4.80.
        Assert.Equal(0.30m, report.Cost.VoiceCost);
        Assert.Equal(0.03m, report.Cost.SmsCost);
        Assert.Equal(0.2m, report.Cost.StaffHours);
        Assert.Equal(4.80m, report.Cost.StaffCost);
        Assert.Equal(4.47m, report.Cost.Saving);

        // New rates change the estimate; bad ones are refused with a message.
        var analytics = scope.ServiceProvider.GetRequiredService<AnalyticsService>();
        Assert.Null(await analytics.SaveRatesAsync(new AnalyticsRates(0.05m, 0.02m, 6m, 30m), ct));
        Assert.NotNull(await analytics.SaveRatesAsync(new AnalyticsRates(-1m, 0.02m, 6m, 30m), ct));
        var repriced = await analytics.LoadAsync(AnalyticsDataset.WeekStart, AnalyticsDataset.WeekEnd, ct);
        Assert.Equal(0.50m, repriced!.Cost.VoiceCost);                 // 10 × 0.05
        Assert.Equal(0.06m, repriced.Cost.SmsCost);                    // 3 × 0.02
        Assert.Equal(9.00m, repriced.Cost.StaffCost);                  // 3 × 6 min = 0.3 h × $30
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RollupJob_IsIdempotent_Recomputable_AndTodayStaysLive(bool embedded)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded, new FixedTimeProvider(AnalyticsDataset.Now),
            new Dictionary<string, string?> { ["Messaging:RecurringJobs"] = "false" });
        var database = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        AnalyticsDataset.Seeded seeded;
        await using (var db = database.Create(null))
        {
            seeded = await AnalyticsDataset.SeedAsync(db, ct);
        }
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(seeded.BusinessId);
        var analytics = scope.ServiceProvider.GetRequiredService<AnalyticsService>();
        var job = scope.ServiceProvider.GetRequiredService<DailyRollupJob>();

        // Before any roll-up the same figures are computed live.
        var live = await analytics.LoadAsync(AnalyticsDataset.WeekStart, AnalyticsDataset.WeekEnd, ct);
        await job.RunAsync(ct);
        async Task<int> RowsAsync()
        {
            await using var db = database.Create(null);
            return await db.DailyMetrics.IgnoreQueryFilters().CountAsync(m => m.BusinessId == seeded.BusinessId, ct);
        }
        var rows = await RowsAsync();
        // From the first appointment (15 February) to yesterday (23 March): 37 closed days, today not rolled up.
        Assert.Equal(37, rows);
        var rolled = await analytics.LoadAsync(AnalyticsDataset.WeekStart, AnalyticsDataset.WeekEnd, ct);
        Assert.Equal(live!.Current, rolled!.Current);
        Assert.Equal(live.Previous, rolled.Previous);
        Assert.Equal(live.Days, rolled.Days);
        Assert.Equal(live.Heat.SelectMany(h => h.Hours), rolled.Heat.SelectMany(h => h.Hours));

        // Twice is the same as once.
        await job.RunAsync(ct);
        Assert.Equal(rows, await RowsAsync());
        Assert.Equal(rolled.Current, (await analytics.LoadAsync(AnalyticsDataset.WeekStart, AnalyticsDataset.WeekEnd, ct))!.Current);

        // Closed days are read from the roll-ups: a call removed afterwards still counts until its day is recomputed.
        await using (var db = database.Create(null))
        {
            await db.Calls.IgnoreQueryFilters().Where(c => c.CallSid == seeded.FirstCallSid).ExecuteDeleteAsync(ct);
        }
        Assert.Equal(6, (await analytics.LoadAsync(AnalyticsDataset.WeekStart, AnalyticsDataset.WeekEnd, ct))!.Current.Calls);
        Assert.Equal(1, await job.RecomputeAsync(seeded.BusinessId, AnalyticsDataset.WeekStart, AnalyticsDataset.WeekStart, ct));
        var recomputed = await analytics.LoadAsync(AnalyticsDataset.WeekStart, AnalyticsDataset.WeekEnd, ct);
        Assert.Equal(5, recomputed!.Current.Calls);
        Assert.Equal(1, recomputed.Current.BookedByPhone);
        Assert.Equal(rows, await RowsAsync());

        // Today is never rolled up: a call just now shows at once.
        var today = new DateOnly(2027, 3, 24);
        var before = (await analytics.LoadAsync(today, today, ct))!.Current.Calls;
        await using (var db = database.Create(null))
        {
            var call = new Call(seeded.BusinessId, "CAtoday" + Guid.NewGuid().ToString("N"), "+14165550901", "+15555550100", "en-CA",
                AnalyticsDataset.Now.UtcDateTime.AddMinutes(-5));
            call.RecordOutcome(CallOutcome.Booked);
            db.Calls.Add(call);
            await db.SaveChangesAsync(ct);
        }
        var after = await analytics.LoadAsync(today, today, ct);
        Assert.Equal(before + 1, after!.Current.Calls);
        Assert.Equal(0, await job.RecomputeAsync(seeded.BusinessId, today, today, ct));
    }
}
