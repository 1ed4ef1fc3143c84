using StackExchange.Redis;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// Tells open portal pages that a business's live calls changed (a call started, spoke or ended), so they refresh
/// without reload. With Redis configured the news crosses instances (pub/sub), so a portal on one instance sees
/// calls answered by another. Subscribers call <c>InvokeAsync</c> on their own circuit.
/// </summary>
public sealed class LiveCallNotifier
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("vf:live-calls");
    private readonly ISubscriber? _subscriber;

    public LiveCallNotifier(IServiceProvider services)
    {
        if (services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            _subscriber = redis.GetSubscriber();
            _subscriber.Subscribe(Channel, (_, message) =>
            {
                if (Guid.TryParse(message.ToString(), out var businessId))
                {
                    Changed?.Invoke(businessId);
                }
            });
        }
    }

    public event Action<Guid>? Changed;

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
