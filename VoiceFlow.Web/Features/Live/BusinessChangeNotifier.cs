using System.Collections.Concurrent;
using StackExchange.Redis;

namespace VoiceFlow.Web.Features.Live;

/// <summary>
/// Tells whoever listens that something of a business changed: open portal pages, which refresh without reload, and
/// (for settings) every instance's cache of the business. With Redis configured the news crosses instances (pub/sub on
/// the notifier's channel), so a portal on one instance sees what another did; without Redis it stays in this process.
/// A busy business changes many times a second: the news goes out at most once per <see cref="Coalescing"/> (or the
/// subclass's own interval) per business, after the changes it covers (pages re-read everything when told).
/// Subscribers (<c>BusinessChangeSubscriber</c>) call <c>InvokeAsync</c> on their own circuit.
/// </summary>
public abstract class BusinessChangeNotifier(string channel, IServiceProvider services, TimeProvider time, ILogger logger, TimeSpan? coalescing = null)
    : IHostedService
{
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(200);
    private readonly TimeSpan _coalescing = coalescing ?? Coalescing;
    private readonly RedisChannel _channel = RedisChannel.Literal(channel);
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
            await subscriber.SubscribeAsync(_channel, (_, message) =>
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
            // Then only changes made on this instance are heard here (pages refresh for those; a settings cache
            // expires on its own after half a minute). Calls and bookings go on.
            logger.LogWarning(ex, "Could not subscribe to {Channel} in Redis", channel);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        _subscriber?.UnsubscribeAsync(_channel) ?? Task.CompletedTask;

    public void Notify(Guid businessId)
    {
        if (_waiting.TryAdd(businessId, true))
        {
            _ = PublishSoonAsync(businessId);
        }
    }

    private async Task PublishSoonAsync(Guid businessId)
    {
        if (_coalescing > TimeSpan.Zero)
        {
            await Task.Delay(_coalescing, time);
        }
        else
        {
            await Task.Yield();
        }
        // Changes from here on wait for the next round, which they start themselves.
        _waiting.TryRemove(businessId, out _);
        try
        {
            if (_subscriber is not null)
            {
                _subscriber.Publish(_channel, businessId.ToString(), CommandFlags.FireAndForget);
            }
            else
            {
                Changed?.Invoke(businessId);
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or InvalidOperationException)
        {
            // Pages refresh on the next change instead.
            logger.LogWarning(ex, "Could not announce a change on {Channel} for business {BusinessId}", channel, businessId);
        }
    }
}
