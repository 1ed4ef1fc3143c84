using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace VoiceFlow.LoadTest;

/// <summary>Runs the simulated calls: each a whole conversation, following action URLs, with pauses unless told not to.</summary>
public sealed class CallLoad(LoadOptions options)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentBag<string> _errors = [];

    // Twilio's CallSids are unique forever; the scripts repeat per seed, so each run adds its own prefix to its sids
    // (two runs against one database must not replay each other's calls).
    private readonly string _run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
    private int _calls;
    private int _requests;

    public async Task<LoadReport> RunAsync()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Calls, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(options.Duration);
        var workers = Enumerable.Range(0, options.Calls).Select(i => WorkerAsync(http, new Random(options.Seed * 7919 + i), i, stop.Token));
        await Task.WhenAll(workers);
        return new LoadReport(_calls, _requests, clock.Elapsed, _latencies.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()), _errors.ToArray());
    }

    private async Task WorkerAsync(HttpClient http, Random random, int worker, CancellationToken stop)
    {
        var callNumber = 0;
        if (options.ThinkTime)
        {
            // Real calls do not all ring in the same millisecond: spread the first ones over a few seconds.
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 3000)), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (!stop.IsCancellationRequested)
        {
            var sid = $"CA{_run}{worker:x4}{callNumber++:x6}{random.Next():x8}".PadRight(34, '0')[..34];
            var from = $"+1416{random.Next(2000000, 9999999)}";
            try
            {
                await PlayCallAsync(http, random, sid, from, stop);
                Interlocked.Increment(ref _calls);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task PlayCallAsync(HttpClient http, Random random, string sid, string from, CancellationToken stop)
    {
        var action = await PostAsync(http, "incoming", "/twilio/voice/incoming", sid, from, null);
        foreach (var line in CallScripts.Pick(random))
        {
            if (action is null)
            {
                break;
            }
            if (options.ThinkTime)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 3000)), stop);
            }
            stop.ThrowIfCancellationRequested();
            action = await PostAsync(http, "gather", action, sid, from, line);
        }
        await PostAsync(http, "status", "/twilio/voice/status", sid, from, null, ("CallStatus", "completed"), ("CallDuration", "42"));
    }

    private async Task<string?> PostAsync(HttpClient http, string kind, string path, string sid, string from, string? speech, params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = "AC00000000000000000000000000000000",
            ["CallSid"] = sid,
            ["From"] = from,
            ["To"] = options.To,
            ["CallStatus"] = "in-progress",
            ["Direction"] = "inbound",
        };
        if (speech is not null)
        {
            form["SpeechResult"] = speech;
            form["Confidence"] = "0.91";
        }
        foreach (var (key, value) in extra)
        {
            form[key] = value;
        }
        var url = new Uri(options.BaseUrl, path);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(options.AuthToken, url.ToString(), form));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            _latencies.GetOrAdd(kind, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref _requests);
            if (!response.IsSuccessStatusCode)
            {
                _errors.Add($"{kind} {(int)response.StatusCode}");
                return null;
            }
            if (body.Contains("technical problem", StringComparison.Ordinal))
            {
                _errors.Add($"{kind} apology TwiML");
            }
            return LastGatherAction(body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Xml.XmlException)
        {
            Interlocked.Increment(ref _requests);
            _errors.Add($"{kind} {ex.GetType().Name}");
            return null;
        }
    }

    /// <summary>
    /// The action URL of the TwiML's last &lt;Gather&gt;, where Twilio would post the caller's answer (null when the
    /// call ends). Read with a forward-only XmlReader rather than a DOM: the tool shares the machine with the app it
    /// measures, so every bit of CPU it spends is taken from the app.
    /// </summary>
    internal static string? LastGatherAction(string twiml)
    {
        string? action = null;
        using var reader = System.Xml.XmlReader.Create(new StringReader(twiml), ReaderSettings);
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.LocalName == "Gather")
            {
                action = reader.GetAttribute("action");
            }
        }
        return action;
    }

    private static readonly System.Xml.XmlReaderSettings ReaderSettings = new() { DtdProcessing = System.Xml.DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true };
}
