using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Privacy;

/// <summary>
/// Daily: for each business with a retention period (Settings, Business tab), deletes the transcript lines and
/// forgets the recording of calls that started longer ago than that. The calls themselves stay (outcome, duration,
/// counts) so analytics keep adding up. Only looks for what is due, so running it twice, or on two instances at once,
/// does no harm.
/// </summary>
public sealed class TranscriptRetentionJob(DatabaseOptionsHolder database, TimeProvider time, ILogger<TranscriptRetentionJob> logger)
{
    public const string RecurringJobId = "transcript-retention";

    /// <summary>Returns how many calls lost their transcript or recording in this run.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = database.Create(tenant: null);
        var businesses = await db.Businesses.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.RetentionDays != null)
            .Select(b => new { b.Id, Days = b.RetentionDays!.Value })
            .ToListAsync(cancellationToken);
        var total = 0;
        foreach (var business in businesses)
        {
            var cutoff = now.AddDays(-business.Days);
            var expired = db.Calls.IgnoreQueryFilters()
                .Where(c => c.BusinessId == business.Id && c.StartedUtc < cutoff && c.EndedUtc != null);
            var callIds = await expired
                .Where(c => c.RecordingUrl != null || db.CallTurns.IgnoreQueryFilters().Any(t => t.CallId == c.Id))
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
            if (callIds.Count == 0)
            {
                continue;
            }
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var turns = await db.CallTurns.IgnoreQueryFilters().Where(t => callIds.Contains(t.CallId)).ExecuteDeleteAsync(cancellationToken);
                await db.Calls.IgnoreQueryFilters().Where(c => callIds.Contains(c.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.RecordingUrl, (string?)null), cancellationToken);
                db.AuditEntries.Add(new AuditEntry(business.Id, "system", "retention.transcripts_deleted", nameof(Call), null, now, null,
                    System.Text.Json.JsonSerializer.Serialize(new { calls = callIds.Count, turns, olderThanUtc = cutoff, retentionDays = business.Days })));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            logger.LogInformation("Retention: deleted the transcripts of {Calls} calls of business {BusinessId} older than {Days} days",
                callIds.Count, business.Id, business.Days);
            total += callIds.Count;
        }
        return total;
    }
}
