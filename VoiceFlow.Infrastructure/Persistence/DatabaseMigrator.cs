using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceFlow.Infrastructure.Configuration;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>Applies migrations at start-up (and for the <c>migrate</c> verb), turning failures into one clear message.</summary>
public sealed class DatabaseMigrator(DatabaseOptionsHolder holder, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var key = holder.Provider == DatabaseProvider.Postgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite";
        try
        {
            await using var db = holder.CreateDirect();
            if (holder.Provider == DatabaseProvider.Sqlite)
            {
                EnsureSqliteFolder(holder.ConnectionString);
            }
            await db.Database.MigrateAsync(cancellationToken);
            if (holder.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets the portal read while a booking writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            logger.LogInformation("Database ready ({Provider})", holder.Provider);
        }
        catch (NpgsqlException ex)
        {
            var builder = new NpgsqlConnectionStringBuilder(holder.ConnectionString);
            throw new ConfigurationException(key,
                $"cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}'): {ex.Message}", ex);
        }
        catch (SqliteException ex)
        {
            throw new ConfigurationException(key, $"cannot open the SQLite database: {ex.Message}", ex);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
