using Microsoft.Extensions.Options;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// Pushes calendar outbox rows every <see cref="CalendarSyncOptions.PollInterval"/> (15 s), so a booking reaches Google
/// seconds later; the Hangfire recurring jobs are the durable safety net. Both claim rows, so nothing goes twice.
/// </summary>
internal sealed class CalendarDispatchLoop(IServiceScopeFactory scopes, IOptionsMonitor<CalendarSyncOptions> options, ILogger<CalendarDispatchLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.PollInterval, stoppingToken);
                if (!options.CurrentValue.BackgroundDelivery)
                {
                    continue;
                }
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CalendarPushJob>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Calendar push round failed; trying again next round");
            }
        }
    }
}
