using System.Collections.Concurrent;

namespace VoiceFlow.Infrastructure.Sessions;

/// <summary>The embedded default: sessions in this process's memory. Fine for one instance.</summary>
public sealed class InMemoryCallSessionStore(TimeProvider timeProvider) : ICallSessionStore
{
    private readonly ConcurrentDictionary<string, (string State, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    public Task<string?> GetAsync(string callSid, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(callSid, out var entry))
        {
            if (entry.Expires > timeProvider.GetUtcNow())
            {
                return Task.FromResult<string?>(entry.State);
            }
            _sessions.TryRemove(callSid, out _);
        }
        return Task.FromResult<string?>(null);
    }

    public Task SetAsync(string callSid, string state, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        _sessions[callSid] = (state, now + timeToLive);
        if (_sessions.Count > 10_000)
        {
            foreach (var expired in _sessions.Where(s => s.Value.Expires <= now).Select(s => s.Key).ToList())
            {
                _sessions.TryRemove(expired, out _);
            }
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string callSid, CancellationToken cancellationToken)
    {
        _sessions.TryRemove(callSid, out _);
        return Task.CompletedTask;
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
