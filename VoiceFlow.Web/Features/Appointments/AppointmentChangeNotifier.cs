using StackExchange.Redis;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>
/// Tells open portal pages (dashboard, appointments) that a business's appointments changed: booked by phone or by
/// staff, moved, cancelled. With Redis configured the news crosses instances (pub/sub), so a portal connected to one
/// instance refreshes when a call answered by another books. Without Redis it stays in this process.
/// Subscribers (<c>AppointmentChangeSubscriber</c>) call <c>InvokeAsync</c> on their own circuit.
/// </summary>
public sealed class AppointmentChangeNotifier(IServiceProvider services, ILogger<AppointmentChangeNotifier> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("vf:appointments");
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
            // Pages then refresh only for changes made on this instance.
            logger.LogWarning(ex, "Could not subscribe to appointment updates in Redis");
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
