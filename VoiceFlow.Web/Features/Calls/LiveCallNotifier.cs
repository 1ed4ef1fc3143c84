using System.Collections.Concurrent;
using StackExchange.Redis;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// Tells open portal pages that a business's live calls changed (a call started, spoke or ended), so they refresh
/// without reload. With Redis configured the news crosses instances (pub/sub), so a portal on one instance sees
/// calls answered by another. Subscribers call <c>InvokeAsync</c> on their own circuit.
/// A busy business's calls change many times a second; the news goes out at most once per <see cref="Coalescing"/>
/// per business, after the changes it covers (the pages re-read everything when told).
/// </summary>
public sealed class LiveCallNotifier(IServiceProvider services, TimeProvider time, ILogger<LiveCallNotifier> logger) : IHostedService
{
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(200);
    private static readonly RedisChannel Channel = RedisChannel.Literal("vf:live-calls");
    private readonly ConcurrentDictionary<Guid, bool> _waiting = new();
    private ISubscriber? _subscriber;

    public event Action<Guid>? Changed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return;
        }
        try
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.SubscribeAsync(Channel, (_, message) =>
            {
                if (Guid.TryParse(message.ToString(), out var businessId))
                {
                    Changed?.Invoke(businessId);
                }
            });
            _subscriber = subscriber;
        }
        catch (RedisException ex)
        {
            // Live updates then stay within this instance; calls are not affected.
            logger.LogWarning(ex, "Could not subscribe to live-call updates in Redis");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _subscriber?.UnsubscribeAsync(Channel) ?? Task.CompletedTask;

    public void Notify(Guid businessId)
    {
        if (_waiting.TryAdd(businessId, true))
        {
            _ = PublishSoonAsync(businessId);
        }
    }

    private async Task PublishSoonAsync(Guid businessId)
    {
        await Task.Delay(Coalescing, time);
        // Changes from here on wait for the next round, which they start themselves.
        _waiting.TryRemove(businessId, out _);
        try
        {
            if (_subscriber is not null)
            {
                _subscriber.Publish(Channel, businessId.ToString(), CommandFlags.FireAndForget);
            }
            else
            {
                Changed?.Invoke(businessId);
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or InvalidOperationException)
        {
            // Pages refresh on the next change instead; calls are not affected.
            logger.LogWarning(ex, "Could not announce a live-call change for business {BusinessId}", businessId);
        }
    }
}
