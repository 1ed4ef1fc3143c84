using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.Audit;

/// <summary>Audit rows can be added, never changed or deleted: by EF Core, and by the database itself on PostgreSQL and SQLite.</summary>
public sealed class AuditAppendOnlyTests(TestServers servers)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AuditEntries_ChangedOrDeleted_AreRejectedByEfAndByTheDatabase_OnlyErasureMayBlankSnapshots(bool embedded)
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded);
        var ct = TestContext.Current.CancellationToken;
        var holder = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        Guid id;
        await using (var db = holder.Create(null))
        {
            var businessId = await db.Businesses.IgnoreQueryFilters().Select(b => b.Id).FirstAsync(ct);
            var entry = new AuditEntry(businessId, "user:test", "test.recorded", "Test", Guid.CreateVersion7(), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "{\"a\":1}", "{\"a\":2}");
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            id = entry.Id;
        }

        await using (var db = holder.Create(null))
        {
            var entry = await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Id == id, ct);
            db.Entry(entry).Property(a => a.Action).CurrentValue = "test.tampered";
            var modified = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(ct));
            Assert.Contains("append-only", modified.Message, StringComparison.Ordinal);
        }
        await using (var db = holder.Create(null))
        {
            db.AuditEntries.Remove(await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Id == id, ct));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(ct));
        }

        // Around EF Core: the database refuses too.
        await using (var db = holder.Create(null))
        {
            var rows = db.AuditEntries.IgnoreQueryFilters().Where(a => a.Id == id);
            await Assert.ThrowsAnyAsync<Exception>(() => rows.ExecuteUpdateAsync(s => s.SetProperty(a => a.Action, "test.tampered"), ct));
            await Assert.ThrowsAnyAsync<Exception>(() => rows.ExecuteUpdateAsync(s => s.SetProperty(a => a.After, "{\"a\":3}"), ct));
            await Assert.ThrowsAnyAsync<Exception>(() => rows.ExecuteDeleteAsync(ct));
            if (!embedded)
            {
                await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\"", ct));
            }
            var entityId = await rows.Select(a => a.EntityId!.Value).SingleAsync(ct);
            Assert.Equal(1, await db.RedactAuditSnapshotsAsync([entityId], ct));
        }
        await using (var db = holder.Create(null))
        {
            var entry = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == id, ct);
            Assert.Equal(("test.recorded", "user:test", VoiceFlowDbContext.ErasedSnapshot, VoiceFlowDbContext.ErasedSnapshot), (entry.Action, entry.Actor, entry.Before, entry.After));
        }
    }
}
