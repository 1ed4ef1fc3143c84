using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Operations;

namespace VoiceFlow.Web.Tests.Operations;

public sealed class WebhookMetricsTests
{
    private static WebhookMetrics Create(FixedTimeProvider time)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new WebhookMetrics(services.GetRequiredService<IMeterFactory>(), time);
    }

    [Fact]
    public void Percentiles_HundredWebhooks_AreTheirBucketsUpperBounds()
    {
        var time = new FixedTimeProvider(new DateTimeOffset(2027, 3, 1, 12, 0, 10, TimeSpan.Zero));
        using var metrics = Create(time);
        // 90 fast (4 ms: bucket <= 5), 8 at 45 ms (<= 50), 2 at 400 ms (<= 500), and 2 of those 100 failed.
        for (var i = 0; i < 90; i++)
        {
            metrics.Record("voice", 4, error: false);
        }
        for (var i = 0; i < 8; i++)
        {
            metrics.Record("voice", 45, error: i < 2);
        }
        metrics.Record("voice", 400, error: false);
        metrics.Record("sms", 400, error: false);

        var minute = metrics.Window(1).Single();
        Assert.Equal(100, minute.Count);
        Assert.Equal(2, minute.Errors);
        Assert.Equal(0.02, minute.ErrorRate, 6);
        Assert.Equal(5, minute.P50);
        Assert.Equal(50, minute.P95);      // the 95th is among the 45 ms ones
        Assert.Equal(400, minute.P99);     // the bucket's bound (500) is capped at the slowest seen
    }

    [Fact]
    public void Window_KeepsAnHour_OldMinutesDropOut()
    {
        var time = new FixedTimeProvider(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var metrics = Create(time);
        metrics.Record("voice", 10, error: false);
        time.Advance(TimeSpan.FromMinutes(2));
        metrics.Record("voice", 20, error: true);

        var window = metrics.Window();
        Assert.Equal(WebhookMetrics.WindowMinutes, window.Count);
        Assert.Equal([1L, 0L, 1L], window.TakeLast(3).Select(m => m.Count));
        Assert.Equal(2, metrics.Summary().Count);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(1, metrics.Summary().Count);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, metrics.Summary().Count);
        Assert.All(metrics.Window(), m => Assert.Equal(0, m.Count));
    }
}
