using Microsoft.Extensions.Options;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// Plans reminders and sends due SMS every <see cref="MessagingOptions.PollInterval"/> (15 s), for a confirmation that
/// arrives seconds after booking. Hangfire's cron cannot go below a minute, so its recurring jobs are the durable safety
/// net and this loop the fast path; both claim rows, so they never send the same one twice.
/// </summary>
internal sealed class SmsDispatchLoop(IServiceScopeFactory scopes, IOptionsMonitor<MessagingOptions> options, ILogger<SmsDispatchLoop> logger) : BackgroundService
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
                await scope.ServiceProvider.GetRequiredService<ReminderPlannerJob>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<SmsDeliveryJob>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "SMS dispatch round failed; trying again next round");
            }
        }
    }
}
