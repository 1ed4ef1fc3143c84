using StackExchange.Redis;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// Tells open portal pages that a business's live calls changed (a call started, spoke or ended), so they refresh
/// without reload. With Redis configured the news crosses instances (pub/sub), so a portal on one instance sees
/// calls answered by another. Subscribers call <c>InvokeAsync</c> on their own circuit.
/// </summary>
public sealed class LiveCallNotifier(IServiceProvider services, ILogger<LiveCallNotifier> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("vf:live-calls");
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
        if (_subscriber is not null)
        {
            _subscriber.Publish(Channel, businessId.ToString(), CommandFlags.FireAndForget);
        }
        else
        {
            Changed?.Invoke(businessId);
        }
    }
}
