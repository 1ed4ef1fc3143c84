using Npgsql;

namespace VoiceFlow.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster on a free loopback port, its socket and data in a temp folder that is removed
/// afterwards. Run as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    private readonly string _folder;
    private int _databaseCounter;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PostgresServer> StartAsync()
    {
        var initdb = Path.Combine(BinFolder, "initdb");
        var pgctl = Path.Combine(BinFolder, "pg_ctl");
        if (!File.Exists(initdb) || !File.Exists(pgctl))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed: {initdb} is missing. Install it with 'apt-get install -y postgresql-15' (./test.sh does this).");
        }
        var folder = Path.Combine(Path.GetTempPath(), "vf-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (ProcessRunner.IsRoot)
        {
            await RunCheckedAsync("chown", ["postgres:postgres", folder]);
            await RunCheckedAsync("chmod", ["700", folder]);
        }
        var port = FreePort.Find();
        var data = Path.Combine(folder, "data");
        await RunAsPostgresAsync(initdb, ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await RunAsPostgresAsync(pgctl, ["-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "30", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000 -c shared_buffers=64MB", "start"]);
        return new PostgresServer(folder, port);
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "vf")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsPostgresAsync(Path.Combine(BinFolder, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Task RunAsPostgresAsync(string binary, IEnumerable<string> arguments) =>
        ProcessRunner.IsRoot
            ? RunCheckedAsync("runuser", new[] { "-u", "postgres", "--", binary }.Concat(arguments))
            : RunCheckedAsync(binary, arguments);

    private static async Task RunCheckedAsync(string file, IEnumerable<string> arguments)
    {
        var (exit, output) = await ProcessRunner.RunAsync(file, arguments, TimeSpan.FromSeconds(60));
        if (exit != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed ({exit}): {output}");
        }
    }
}
