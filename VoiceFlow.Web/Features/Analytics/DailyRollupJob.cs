using Microsoft.EntityFrameworkCore;
using NodaTime;
using VoiceFlow.Domain.Analytics;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Analytics;

/// <summary>
/// Rolls each business's closed local days up into <see cref="DailyMetrics"/> (one row per business and day, replaced
/// on every run), so the analytics page reads a year as 365 small rows. Each run recomputes the last
/// <see cref="RecentDays"/> closed days (appointments are completed or marked no-show after the fact) and any day
/// missing since the business's first call or appointment, up to <see cref="MaxHistoryDays"/> back. Safe to run twice,
/// or twice at once.
/// </summary>
public sealed class DailyRollupJob(DatabaseOptionsHolder database, TimeProvider time, ILogger<DailyRollupJob> logger)
{
    public const int RecentDays = 7;
    public const int MaxHistoryDays = 800;
    private const int ChunkDays = 31;

    /// <summary>Every business: recent days again, plus whatever is missing. Returns how many day rows were written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        List<(Guid Id, string Zone)> businesses;
        await using (var db = database.Create(tenant: null))
        {
            businesses = (await db.Businesses.IgnoreQueryFilters().AsNoTracking().Select(b => new { b.Id, b.TimeZoneId })
                .ToListAsync(cancellationToken)).Select(b => (b.Id, b.TimeZoneId)).ToList();
        }
        var written = 0;
        foreach (var (id, zoneId) in businesses)
        {
            written += await CatchUpAsync(id, Zone(zoneId), cancellationToken);
        }
        return written;
    }

    /// <summary>Recomputes the given local days (closed days only; today and later are always computed live).</summary>
    public async Task<int> RecomputeAsync(Guid businessId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        string zoneId;
        await using (var db = database.Create(tenant: null))
        {
            zoneId = await db.Businesses.IgnoreQueryFilters().Where(b => b.Id == businessId).Select(b => b.TimeZoneId)
                .SingleAsync(cancellationToken);
        }
        var zone = Zone(zoneId);
        var yesterday = Today(zone).AddDays(-1);
        return await WriteAsync(businessId, zone, from, to < yesterday ? to : yesterday, cancellationToken);
    }

    /// <summary>All history of one business, from its first call or appointment to yesterday.</summary>
    public async Task<int> BackfillAsync(Guid businessId, CancellationToken cancellationToken = default) =>
        await RecomputeAsync(businessId, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);

    private async Task<int> CatchUpAsync(Guid businessId, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var yesterday = Today(zone).AddDays(-1);
        var first = await FirstDayAsync(businessId, zone, yesterday, cancellationToken);
        if (first is null)
        {
            return 0;
        }
        HashSet<DateOnly> done;
        await using (var db = database.Create(tenant: null))
        {
            done = (await db.DailyMetrics.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.BusinessId == businessId && m.Day >= first.Value && m.Day <= yesterday)
                .Select(m => m.Day).ToListAsync(cancellationToken)).ToHashSet();
        }
        var recentFrom = yesterday.AddDays(-(RecentDays - 1));
        var todo = new List<DateOnly>();
        for (var day = first.Value; day <= yesterday; day = day.AddDays(1))
        {
            if (day >= recentFrom || !done.Contains(day))
            {
                todo.Add(day);
            }
        }
        var written = 0;
        // Contiguous runs of days, each computed in one pass.
        var start = 0;
        for (var i = 1; i <= todo.Count; i++)
        {
            if (i == todo.Count || todo[i] != todo[i - 1].AddDays(1))
            {
                written += await WriteAsync(businessId, zone, todo[start], todo[i - 1], cancellationToken);
                start = i;
            }
        }
        return written;
    }

    private async Task<DateOnly?> FirstDayAsync(Guid businessId, DateTimeZone zone, DateOnly yesterday, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant: null);
        var firstCall = await db.Calls.IgnoreQueryFilters().Where(c => c.BusinessId == businessId)
            .MinAsync(c => (DateTime?)c.StartedUtc, cancellationToken);
        var firstAppointment = await db.Appointments.IgnoreQueryFilters().Where(a => a.BusinessId == businessId)
            .MinAsync(a => (DateTime?)a.StartUtc, cancellationToken);
        var firstUtc = new[] { firstCall, firstAppointment }.Where(d => d is not null).Min();
        if (firstUtc is null)
        {
            return null;
        }
        var first = Instant.FromDateTimeUtc(DateTime.SpecifyKind(firstUtc.Value, DateTimeKind.Utc)).InZone(zone).Date.ToDateOnly();
        var floor = yesterday.AddDays(-MaxHistoryDays);
        first = first < floor ? floor : first;
        return first <= yesterday ? first : null;
    }

    private async Task<int> WriteAsync(Guid businessId, DateTimeZone zone, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (from == DateOnly.MinValue)
        {
            var first = await FirstDayAsync(businessId, zone, to, cancellationToken);
            if (first is null)
            {
                return 0;
            }
            from = first.Value;
        }
        var written = 0;
        for (var chunk = from; chunk <= to; chunk = chunk.AddDays(ChunkDays))
        {
            var chunkEnd = chunk.AddDays(ChunkDays - 1) < to ? chunk.AddDays(ChunkDays - 1) : to;
            written += await WriteChunkAsync(businessId, zone, chunk, chunkEnd, retry: true, cancellationToken);
        }
        if (written > 0)
        {
            logger.LogInformation("Rolled up {Days} day(s) {From}..{To} of business {BusinessId}", written, from, to, businessId);
        }
        return written;
    }

    private async Task<int> WriteChunkAsync(Guid businessId, DateTimeZone zone, DateOnly from, DateOnly to, bool retry, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant: null);
        var figures = await DailyFiguresCalculator.ComputeAsync(db, businessId, zone, from, to, cancellationToken);
        var existing = await db.DailyMetrics.IgnoreQueryFilters()
            .Where(m => m.BusinessId == businessId && m.Day >= from && m.Day <= to)
            .ToDictionaryAsync(m => m.Day, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (day, dayFigures) in figures)
        {
            if (!existing.TryGetValue(day, out var row))
            {
                row = new DailyMetrics(businessId, day);
                db.DailyMetrics.Add(row);
            }
            row.Record(dayFigures, now);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (retry)
        {
            // Another run inserted the same day at the same moment: read its rows and replace them.
            return await WriteChunkAsync(businessId, zone, from, to, retry: false, cancellationToken);
        }
        return figures.Count;
    }

    private DateOnly Today(DateTimeZone zone) => Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(zone).Date.ToDateOnly();

    private static DateTimeZone Zone(string zoneId) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
}
