using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoiceFlow.Web.Features.Operations;

/// <summary>
/// Times every Twilio webhook: an OpenTelemetry histogram and error counter (exported on <c>/metrics</c>), plus a
/// rolling hour in memory, one slot per minute with a bucketed latency histogram, for the admin page's p50/p95/p99.
/// Recording is a lock and a few increments: cheap enough for the voice path. Per process; each instance shows its own.
/// </summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "VoiceFlow";
    public const int WindowMinutes = 60;

    /// <summary>Upper bounds (ms) of the latency buckets; the last bucket is everything slower.</summary>
    public static readonly double[] Bounds = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 10000];

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Slot[] _slots = new Slot[WindowMinutes];

    public WebhookMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        _meter = meters.Create(MeterName);
        _duration = _meter.CreateHistogram<double>("voiceflow.webhook.duration", "ms", "Time to answer a Twilio webhook");
        _errors = _meter.CreateCounter<long>("voiceflow.webhook.errors", description: "Twilio webhooks answered with a server error");
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot();
        }
    }

    public void Record(string route, double milliseconds, bool error)
    {
        var tags = new TagList { { "route", route } };
        _duration.Record(milliseconds, tags);
        if (error)
        {
            _errors.Add(1, tags);
        }
        var minute = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var bucket = Array.BinarySearch(Bounds, milliseconds);
        bucket = bucket >= 0 ? bucket : ~bucket;
        lock (_gate)
        {
            var slot = _slots[minute % WindowMinutes];
            if (slot.Minute != minute)
            {
                slot.Reset(minute);
            }
            slot.Count++;
            slot.Errors += error ? 1 : 0;
            slot.Buckets[bucket]++;
            slot.MaxMs = Math.Max(slot.MaxMs, milliseconds);
        }
    }

    /// <summary>The last <paramref name="minutes"/> minutes, oldest first, minutes without webhooks included as zero.</summary>
    public IReadOnlyList<WebhookMinute> Window(int minutes = WindowMinutes)
    {
        minutes = Math.Clamp(minutes, 1, WindowMinutes);
        var now = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var result = new List<WebhookMinute>(minutes);
        lock (_gate)
        {
            for (var m = now - minutes + 1; m <= now; m++)
            {
                var slot = _slots[m % WindowMinutes];
                var at = DateTimeOffset.FromUnixTimeSeconds(m * 60).UtcDateTime;
                result.Add(slot.Minute == m
                    ? new WebhookMinute(at, slot.Count, slot.Errors, Percentile(slot.Buckets, slot.Count, 0.50, slot.MaxMs),
                        Percentile(slot.Buckets, slot.Count, 0.95, slot.MaxMs), Percentile(slot.Buckets, slot.Count, 0.99, slot.MaxMs))
                    : new WebhookMinute(at, 0, 0, 0, 0, 0));
            }
        }
        return result;
    }

    /// <summary>The whole window as one: percentiles over all of its webhooks.</summary>
    public WebhookMinute Summary()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var buckets = new long[Bounds.Length + 1];
        long count = 0, errors = 0;
        double max = 0;
        lock (_gate)
        {
            foreach (var slot in _slots.Where(s => s.Minute > now - WindowMinutes))
            {
                count += slot.Count;
                errors += slot.Errors;
                max = Math.Max(max, slot.MaxMs);
                for (var i = 0; i < buckets.Length; i++)
                {
                    buckets[i] += slot.Buckets[i];
                }
            }
        }
        return new WebhookMinute(_time.GetUtcNow().UtcDateTime, count, errors, Percentile(buckets, count, 0.50, max),
            Percentile(buckets, count, 0.95, max), Percentile(buckets, count, 0.99, max));
    }

    /// <summary>The upper bound of the bucket holding the q-th webhook (never above the slowest seen).</summary>
    public static double Percentile(long[] buckets, long count, double q, double max)
    {
        if (count == 0)
        {
            return 0;
        }
        var rank = (long)Math.Ceiling(q * count);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return i < Bounds.Length ? Math.Min(Bounds[i], max) : max;
            }
        }
        return max;
    }

    public void Dispose() => _meter.Dispose();

    private sealed class Slot
    {
        public long Minute = -1;
        public long Count;
        public long Errors;
        public double MaxMs;
        public readonly long[] Buckets = new long[Bounds.Length + 1];

        public void Reset(long minute)
        {
            Minute = minute;
            Count = 0;
            Errors = 0;
            MaxMs = 0;
            Array.Clear(Buckets);
        }
    }
}

/// <summary>Webhooks answered in one minute (UTC): how many, how many failed, and latency percentiles in ms.</summary>
public sealed record WebhookMinute(DateTime MinuteUtc, long Count, long Errors, double P50, double P95, double P99)
{
    public double ErrorRate => Count == 0 ? 0 : (double)Errors / Count;
}
