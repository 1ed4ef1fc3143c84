using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Sessions;

namespace VoiceFlow.Web.Features.Operations;

/// <summary>
/// The platform admin's view across every tenant (explicitly: query filters are bypassed here and only here): businesses
/// with their volume and health, webhook latency, the job queue, dependencies and recent errors.
/// </summary>
public sealed class OperationsService(
    DatabaseOptionsHolder database, ICallSessionStore sessions, JobStorage jobs, WebhookMetrics webhooks, RecentErrors errors, TimeProvider time)
{
    public async Task<PlatformStatus> LoadAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var weekAgo = now.AddDays(-7);
        var dependencies = new List<DependencyStatus>
        {
            await CheckAsync("Database", database.Provider.ToString(), async ct =>
            {
                await using var db = database.Create(tenant: null);
                return await db.Database.CanConnectAsync(ct);
            }, cancellationToken),
            await CheckAsync("Session store", sessions.GetType().Name.Replace("CallSessionStore", "", StringComparison.Ordinal),
                sessions.PingAsync, cancellationToken),
        };

        await using var db = database.Create(tenant: null);
        var businesses = await db.Businesses.IgnoreQueryFilters().AsNoTracking()
            .OrderBy(b => b.Name)
            .Select(b => new BusinessHealth(
                b.Id,
                b.Name,
                db.Calls.IgnoreQueryFilters().Count(c => c.BusinessId == b.Id && !c.IsTest && c.StartedUtc >= weekAgo),
                db.Appointments.IgnoreQueryFilters().Count(a => a.BusinessId == b.Id && a.CreatedUtc >= weekAgo),
                db.Calls.IgnoreQueryFilters().Where(c => c.BusinessId == b.Id).Max(c => (DateTime?)c.StartedUtc),
                db.Calls.IgnoreQueryFilters().Count(c => c.BusinessId == b.Id && c.Outcome == CallOutcome.Failed && c.StartedUtc >= weekAgo),
                db.OutboxMessages.IgnoreQueryFilters().Count(m => m.BusinessId == b.Id && m.Status == OutboxStatus.Failed),
                db.CalendarConnections.IgnoreQueryFilters().Where(c => c.BusinessId == b.Id).Select(c => c.Status.ToString()).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        var failedCalls = await db.Calls.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Outcome == CallOutcome.Failed)
            .OrderByDescending(c => c.StartedUtc).Take(20)
            .Select(c => new RecentError(c.StartedUtc, "Call failed", c.FailureReason ?? "", c.CallSid, null))
            .ToListAsync(cancellationToken);
        var recent = errors.Latest(30).Concat(failedCalls).OrderByDescending(e => e.AtUtc).Take(30).ToList();

        return new PlatformStatus(businesses, webhooks.Window(), webhooks.Summary(), Jobs(), dependencies, recent);
    }

    private JobQueueStatus Jobs()
    {
        try
        {
            var monitor = jobs.GetMonitoringApi();
            var stats = monitor.GetStatistics();
            var failed = monitor.FailedJobs(0, 10)
                .Select(j => new FailedJob(j.Key, j.Value.Job is { } job ? job.Type.Name + "." + job.Method.Name : "?", j.Value.FailedAt, j.Value.ExceptionMessage))
                .ToList();
            return new JobQueueStatus(stats.Enqueued, stats.Scheduled, stats.Processing, stats.Succeeded, stats.Failed, stats.Servers, stats.Recurring, failed, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new JobQueueStatus(0, 0, 0, 0, 0, 0, 0, [], ex.GetType().Name + ": " + ex.Message);
        }
    }

    private static async Task<DependencyStatus> CheckAsync(string name, string kind, Func<CancellationToken, Task<bool>> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var watch = Stopwatch.StartNew();
        try
        {
            var ok = await check(timeout.Token);
            return new DependencyStatus(name, kind, ok, watch.Elapsed.TotalMilliseconds, ok ? null : "unreachable");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new DependencyStatus(name, kind, false, watch.Elapsed.TotalMilliseconds, ex.GetType().Name + ": " + ex.Message);
        }
    }
}
