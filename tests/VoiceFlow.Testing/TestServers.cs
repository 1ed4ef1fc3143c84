namespace VoiceFlow.Testing;

/// <summary>
/// One PostgreSQL and one Redis for a whole test run (an assembly fixture), started lazily and together.
/// A missing binary fails the tests that need it, with a message saying what to install.
/// </summary>
public sealed class TestServers : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    public async Task<PostgresServer> PostgresAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _postgres ??= await PostgresServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RedisServer> RedisAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _redis ??= await RedisServer.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _gate.Dispose();
    }
}
