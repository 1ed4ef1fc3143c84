using StackExchange.Redis;

namespace VoiceFlow.Infrastructure.Sessions;

/// <summary>Sessions in Redis with a TTL, so any instance behind the load balancer can take the next webhook.</summary>
public sealed class RedisCallSessionStore(IConnectionMultiplexer redis) : ICallSessionStore
{
    private const string Prefix = "vf:call:";

    public async Task<string?> GetAsync(string callSid, CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(Prefix + callSid);
        return value.HasValue ? value.ToString() : null;
    }

    public Task SetAsync(string callSid, string state, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(Prefix + callSid, state, timeToLive);

    public Task RemoveAsync(string callSid, CancellationToken cancellationToken) =>
        redis.GetDatabase().KeyDeleteAsync(Prefix + callSid);

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }
}
