using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>The provider chosen at start-up and its (immutable, shared) context options.</summary>
public sealed class DatabaseOptionsHolder : IDisposable
{
    private readonly DbContextOptions<SqliteVoiceFlowDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresVoiceFlowDbContext>? _postgres;
    private readonly DbContextOptions<PostgresVoiceFlowDbContext>? _postgresDirect;

    public DatabaseOptionsHolder(DatabaseProvider provider, string connectionString, ILoggerFactory? loggerFactory = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            // One data source (one connection pool) for EF Core and the hot path's hand-written batches alike.
            DataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
            var builder = new DbContextOptionsBuilder<PostgresVoiceFlowDbContext>()
                .UseNpgsql(DataSource, o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
            _postgres = Configure(builder, loggerFactory).Options;
            DirectConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Multiplexing = false }.ConnectionString;
            var direct = new DbContextOptionsBuilder<PostgresVoiceFlowDbContext>()
                .UseNpgsql(DirectConnectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory"));
            _postgresDirect = Configure(direct, loggerFactory).Options;
        }
        else
        {
            DirectConnectionString = connectionString;
            var builder = new DbContextOptionsBuilder<SqliteVoiceFlowDbContext>().UseSqlite(connectionString);
            _sqlite = Configure(builder, loggerFactory).Options;
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>PostgreSQL's pooled data source, shared with EF Core; null on SQLite.</summary>
    public Npgsql.NpgsqlDataSource? DataSource { get; }

    /// <summary>
    /// The connection string without multiplexing, for work that needs a database session of its own (migrations and
    /// their lock, Hangfire's distributed locks). Same as <see cref="ConnectionString"/> on SQLite.
    /// </summary>
    public string DirectConnectionString { get; }

    /// <summary>A context on a connection of its own (see <see cref="DirectConnectionString"/>).</summary>
    public VoiceFlowDbContext CreateDirect() => Provider == DatabaseProvider.Postgres
        ? new PostgresVoiceFlowDbContext(_postgresDirect!, null)
        : new SqliteVoiceFlowDbContext(_sqlite!, null);

    public VoiceFlowDbContext Create(ICurrentTenant? tenant) => Provider == DatabaseProvider.Postgres
        ? new PostgresVoiceFlowDbContext(_postgres!, tenant) { DataSource = DataSource }
        : new SqliteVoiceFlowDbContext(_sqlite!, tenant);

    public void Dispose() => DataSource?.Dispose();

    private static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder, ILoggerFactory? loggerFactory)
        where T : DbContext
    {
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }
        // A failed command or save also throws, and whoever handles the exception decides whether it is an error: two
        // callers racing for one slot (the exclusion constraint picks the winner) or the first look for the migrations
        // table on a new database are normal. EF Core's own copies of those failures are therefore debug output.
        return builder.ConfigureWarnings(w => w
            .Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning)
            .Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)));
    }
}
