namespace VoiceFlow.Infrastructure.Sessions;

/// <summary>Live state of calls in progress, keyed by CallSid. Entries expire on their own.</summary>
public interface ICallSessionStore
{
    Task<string?> GetAsync(string callSid, CancellationToken cancellationToken);

    Task SetAsync(string callSid, string state, TimeSpan timeToLive, CancellationToken cancellationToken);

    Task RemoveAsync(string callSid, CancellationToken cancellationToken);

    /// <summary>Whether the store answers (for /readyz).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
