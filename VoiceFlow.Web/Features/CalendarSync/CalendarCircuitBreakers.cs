using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;
using Microsoft.Extensions.Options;
using VoiceFlow.Infrastructure.Calendar;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// One Polly circuit breaker per calendar connection, on the app's clock: after a few consecutive rate limits or
/// Google failures for one account, that account's work pauses for a while (its outbox rows wait, unclaimed, losing
/// no attempts) while other businesses carry on.
/// </summary>
public sealed class CalendarCircuitBreakers(IOptionsMonitor<CalendarSyncOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, (ResiliencePipeline Pipeline, CircuitBreakerStateProvider State)> _breakers = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _openUntil = new();

    /// <summary>Open and its break not yet over (Polly moves to half-open only on the next call, so the time is kept here).</summary>
    public bool IsOpen(Guid connectionId) =>
        _breakers.TryGetValue(connectionId, out var breaker) && breaker.State.CircuitState is CircuitState.Open or CircuitState.Isolated &&
        _openUntil.TryGetValue(connectionId, out var until) && until > time.GetUtcNow();

    public ValueTask<T> ExecuteAsync<T>(Guid connectionId, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        _breakers.GetOrAdd(connectionId, Create).Pipeline.ExecuteAsync(call, cancellationToken);

    private (ResiliencePipeline, CircuitBreakerStateProvider) Create(Guid connectionId)
    {
        var settings = options.CurrentValue;
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, settings.BreakAfterFailures),
                SamplingDuration = TimeSpan.FromMinutes(30),
                BreakDuration = settings.BreakDuration,
                StateProvider = state,
                OnOpened = args =>
                {
                    _openUntil[connectionId] = time.GetUtcNow() + args.BreakDuration;
                    return ValueTask.CompletedTask;
                },
                ShouldHandle = new PredicateBuilder().Handle<GoogleApiException>(e => e.IsTransient).Handle<HttpRequestException>()
                    .Handle<TimeoutException>().Handle<Polly.Timeout.TimeoutRejectedException>(),
            })
            .Build();
        return (pipeline, state);
    }
}
