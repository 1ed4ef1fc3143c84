using Microsoft.EntityFrameworkCore;
using NodaTime;
using VoiceFlow.Domain.Analytics;
using VoiceFlow.Domain.Common;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Analytics;

/// <summary>
/// The owner's figures for a range of local days, compared with the previous range of the same length. Closed days
/// come from the roll-ups (<see cref="DailyRollupJob"/>); today, later days and any day not rolled up yet are computed
/// live from the raw rows by the same <see cref="DailyFiguresCalculator"/>.
/// </summary>
public sealed class AnalyticsService(
    IDbContextFactory<VoiceFlowDbContext> contexts, CurrentBusiness currentBusiness, TimeProvider time, ILogger<AnalyticsService> logger)
{
    public const int MaxDays = 732;

    public async Task<AnalyticsReport?> LoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null || to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            return null;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var length = to.DayNumber - from.DayNumber + 1;
        var previousFrom = from.AddDays(-length);
        var today = business.Today(time).ToDateOnly();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var figures = await db.DailyMetrics.AsNoTracking()
            .Where(m => m.BusinessId == business.Id && m.Day >= previousFrom && m.Day <= to && m.Day < today)
            .Select(m => new { m.Day, m.Figures })
            .ToDictionaryAsync(m => m.Day, m => m.Figures, cancellationToken);
        var missing = Enumerable.Range(0, length * 2).Select(i => previousFrom.AddDays(i)).Where(d => !figures.ContainsKey(d)).ToList();
        // Each run of consecutive days without a roll-up (today, days not rolled up yet, days before any history) is
        // computed live in one pass.
        for (int start = 0, i = 1; i <= missing.Count; i++)
        {
            if (i == missing.Count || missing[i] != missing[i - 1].AddDays(1))
            {
                var live = await DailyFiguresCalculator.ComputeAsync(db, business.Id, business.Zone, missing[start], missing[i - 1], cancellationToken);
                foreach (var (day, dayFigures) in live)
                {
                    figures[day] = dayFigures;
                }
                start = i;
            }
        }
        var settings = await db.AnalyticsSettings.AsNoTracking().FirstOrDefaultAsync(s => s.BusinessId == business.Id, cancellationToken)
                       ?? new AnalyticsSettings(business.Id);
        var rates = new AnalyticsRates(settings.VoicePerMinute, settings.SmsPerSegment, settings.StaffMinutesPerCall, settings.StaffHourlyWage);

        var currentDays = Enumerable.Range(0, length).Select(i => from.AddDays(i)).ToList();
        var current = DailyTotals.Sum(currentDays.Select(d => figures[d]));
        var previous = DailyTotals.Sum(Enumerable.Range(0, length).Select(i => figures[previousFrom.AddDays(i)]));

        var services = new Dictionary<Guid, int>();
        var staff = new Dictionary<Guid, int>();
        var heat = new int[7, 24];
        foreach (var day in currentDays)
        {
            var f = figures[day];
            DailyFiguresCalculator.AddPairs(f.ServiceCounts, services);
            DailyFiguresCalculator.AddPairs(f.StaffCounts, staff);
            var hours = DailyTotals.Hours(f.HourlyCalls);
            for (var h = 0; h < 24; h++)
            {
                heat[(int)day.DayOfWeek, h] += hours[h];
            }
        }
        var serviceNames = await db.Services.AsNoTracking().Where(s => services.Keys.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var staffNames = await db.StaffMembers.AsNoTracking().Where(s => staff.Keys.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        static List<NamedCount> Named(Dictionary<Guid, int> counts, Dictionary<Guid, string> names) => counts
            .Select(c => new NamedCount(names.GetValueOrDefault(c.Key, "?"), c.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.CurrentCulture).ToList();

        var outcomes = new List<NamedCount>
        {
            new("Booked", current.CallsBooked), new("Rescheduled", current.CallsRescheduled), new("Cancelled", current.CallsCancelled),
            new("Information", current.CallsInformation), new("Transferred", current.CallsTransferred), new("Voicemail", current.CallsVoicemail),
            new("Abandoned", current.CallsAbandoned), new("Failed", current.CallsFailed),
        }.Where(o => o.Count > 0).OrderByDescending(o => o.Count).ToList();
        var languages = new List<NamedCount> { new(Language.English, current.Calls - current.CallsFrench), new(Language.French, current.CallsFrench) }
            .Where(l => l.Count > 0).OrderByDescending(l => l.Count).ToList();
        var days = currentDays.Select(d => new DayFigures(d, figures[d].Calls, figures[d].CallsBooked)).ToList();
        // Monday first, as Canadian calendars show the week.
        var heatRows = Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7))
            .Select(d => new HeatRow(d, Enumerable.Range(0, 24).Select(h => heat[(int)d, h]).ToList())).ToList();

        var currentPeriod = DailyTotals.Period(current);
        var report = new AnalyticsReport(from, to, currentPeriod, DailyTotals.Period(previous), days, outcomes, languages,
            Named(services, serviceNames), Named(staff, staffNames), heatRows, Cost(currentPeriod, rates));
        logger.LogInformation("Analytics for {Days} day(s) loaded in {ElapsedMs:F1} ms ({LiveDays} day(s) computed live)",
            length, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, missing.Count);
        return report;
    }

    /// <summary>The cost rates of the signed-in business (defaults until changed).</summary>
    public async Task<AnalyticsRates?> GetRatesAsync(CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var s = await db.AnalyticsSettings.AsNoTracking().FirstOrDefaultAsync(x => x.BusinessId == business.Id, cancellationToken)
                ?? new AnalyticsSettings(business.Id);
        return new AnalyticsRates(s.VoicePerMinute, s.SmsPerSegment, s.StaffMinutesPerCall, s.StaffHourlyWage);
    }

    /// <summary>Saves the cost rates; a rate out of range comes back as the message to show (null when saved).</summary>
    public async Task<string?> SaveRatesAsync(AnalyticsRates rates, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return "No business.";
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await db.AnalyticsSettings.FirstOrDefaultAsync(x => x.BusinessId == business.Id, cancellationToken);
        if (settings is null)
        {
            settings = new AnalyticsSettings(business.Id);
            db.AnalyticsSettings.Add(settings);
        }
        try
        {
            settings.Change(rates.VoicePerMinute, rates.SmsPerSegment, rates.StaffMinutesPerCall, rates.StaffHourlyWage);
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public static CostEstimate Cost(PeriodFigures period, AnalyticsRates rates)
    {
        var segments = period.SmsSegments + period.SmsReplySegments;
        var voice = Math.Round(period.BilledMinutes * rates.VoicePerMinute, 2, MidpointRounding.AwayFromZero);
        var sms = Math.Round(segments * rates.SmsPerSegment, 2, MidpointRounding.AwayFromZero);
        var hours = Math.Round(period.HandledCalls * rates.StaffMinutesPerCall / 60m, 2, MidpointRounding.AwayFromZero);
        var staff = Math.Round(period.HandledCalls * rates.StaffMinutesPerCall / 60m * rates.StaffHourlyWage, 2, MidpointRounding.AwayFromZero);
        return new CostEstimate(period.BilledMinutes, segments, voice, sms, period.HandledCalls, hours, staff, rates);
    }
}
