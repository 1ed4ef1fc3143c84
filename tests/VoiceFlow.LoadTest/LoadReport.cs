using System.Globalization;
using System.Text.Json;

namespace VoiceFlow.LoadTest;

/// <summary>Latency percentiles per webhook kind, throughput and errors; a table, then one JSON line.</summary>
public sealed record LoadReport(int Calls, int Requests, TimeSpan Elapsed, IReadOnlyDictionary<string, double[]> Latencies, IReadOnlyList<string> ErrorList)
{
    public int Errors => ErrorList.Count;

    public void Print(TextWriter output)
    {
        var all = Latencies.Values.SelectMany(v => v).ToArray();
        output.WriteLine($"{"webhook",-10} {"count",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var (kind, values) in Latencies.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-10} {values.Length,8} {Percentile(values, 50),8:F1} {Percentile(values, 95),8:F1} {Percentile(values, 99),8:F1} {(values.Length == 0 ? 0 : values.Max()),8:F1}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"all",-10} {all.Length,8} {Percentile(all, 50),8:F1} {Percentile(all, 95),8:F1} {Percentile(all, 99),8:F1} {(all.Length == 0 ? 0 : all.Max()),8:F1}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls completed: {Calls}, requests: {Requests}, {Requests / Elapsed.TotalSeconds:F0} requests/s over {Elapsed.TotalSeconds:F1} s, errors: {Errors}"));
        foreach (var group in ErrorList.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(10))
        {
            output.WriteLine($"  error: {group.Key} x{group.Count()}");
        }
        output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["calls"] = Calls,
            ["requests"] = Requests,
            ["requests_per_second"] = Math.Round(Requests / Elapsed.TotalSeconds, 1),
            ["p50_ms"] = Math.Round(Percentile(all, 50), 2),
            ["p95_ms"] = Math.Round(Percentile(all, 95), 2),
            ["p99_ms"] = Math.Round(Percentile(all, 99), 2),
            ["errors"] = Errors,
        }));
    }

    private static double Percentile(double[] values, double percentile)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
