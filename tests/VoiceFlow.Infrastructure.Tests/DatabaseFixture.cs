using Microsoft.Extensions.Logging.Abstractions;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;

namespace VoiceFlow.Infrastructure.Tests;

/// <summary>A freshly migrated database of either provider, for one test.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseOptionsHolder holder, string? sqliteFile)
    {
        Holder = holder;
        _sqliteFile = sqliteFile;
    }

    public DatabaseOptionsHolder Holder { get; }

    public DatabaseProvider Provider => Holder.Provider;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, TestServers servers)
    {
        DatabaseOptionsHolder holder;
        string? file = null;
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = await servers.PostgresAsync();
            holder = new DatabaseOptionsHolder(DatabaseProvider.Postgres, await postgres.CreateDatabaseAsync());
        }
        else
        {
            file = Path.Combine(Path.GetTempPath(), $"vf-test-{Guid.NewGuid():N}.db");
            holder = new DatabaseOptionsHolder(DatabaseProvider.Sqlite, $"Data Source={file};Default Timeout=30");
        }
        await new DatabaseMigrator(holder, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new TestDatabase(holder, file);
    }

    /// <summary>A context that sees one tenant (or none).</summary>
    public VoiceFlowDbContext Context(Guid? businessId = null)
    {
        var tenant = new CurrentTenant();
        if (businessId is { } id)
        {
            tenant.Set(id);
        }
        return Holder.Create(tenant);
    }

    public ValueTask DisposeAsync()
    {
        Holder.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteFile is not null)
        {
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
        return ValueTask.CompletedTask;
    }
}
