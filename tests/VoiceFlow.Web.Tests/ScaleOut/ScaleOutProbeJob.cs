using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace VoiceFlow.Web.Tests.ScaleOut;

/// <summary>A Hangfire job that notes which instance ran it and when (both test instances live in this process).</summary>
public sealed class ScaleOutProbeJob(IConfiguration configuration)
{
    public static readonly ConcurrentQueue<(string Token, string Instance, long Timestamp)> Runs = new();

    public void Run(string token) => Runs.Enqueue((token, configuration["ScaleOut:Instance"] ?? "?", Stopwatch.GetTimestamp()));
}
