using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VoiceFlow.LoadTest;

/// <summary>Runs the simulated calls: each a whole conversation, following action URLs, with pauses unless told not to.</summary>
public sealed class CallLoad(LoadOptions options)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentBag<string> _errors = [];

    // Twilio's CallSids are unique forever; the scripts repeat per seed, so each run adds its own prefix to its sids
    // (two runs against one database must not replay each other's calls).
    private readonly string _run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
    private readonly TwilioSignature _signer = new(options.AuthToken);
    private int _calls;
    private int _requests;

    public async Task<LoadReport> RunAsync()
    {
        // No shared cookie jar (Twilio keeps cookies per call, never across calls) and no redirects (a webhook answers
        // TwiML or fails): neither belongs to the calls, and both cost CPU on every request.
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Calls, PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false, AllowAutoRedirect = false,
        };
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
        // The form in Twilio's parameter order (sorted, as the signature wants it), written straight into the body:
        // the tool shares the machine with the app it measures, so every bit of CPU it spends is taken from the app.
        var form = new List<KeyValuePair<string, string>>(10)
        {
            new("AccountSid", "AC00000000000000000000000000000000"),
            new("CallSid", sid),
            new("CallStatus", "in-progress"),
            new("Direction", "inbound"),
            new("From", from),
            new("To", options.To),
        };
        if (speech is not null)
        {
            form.Add(new("SpeechResult", speech));
            form.Add(new("Confidence", "0.91"));
        }
        foreach (var (key, value) in extra)
        {
            form.RemoveAll(p => p.Key == key);
            form.Add(new(key, value));
        }
        form.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var url = new Uri(options.BaseUrl, path);
        var body = new StringBuilder(256);
        foreach (var (key, value) in form)
        {
            body.Append(body.Length == 0 ? "" : "&").Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        content.Headers.ContentType = FormContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", _signer.Sign(url.ToString(), form));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var twiml = await response.Content.ReadAsStringAsync();
            _latencies.GetOrAdd(kind, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref _requests);
            if (!response.IsSuccessStatusCode)
            {
                _errors.Add($"{kind} {(int)response.StatusCode}");
                return null;
            }
            if (twiml.Contains("technical problem", StringComparison.Ordinal))
            {
                _errors.Add($"{kind} apology TwiML");
            }
            return LastGatherAction(twiml);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _requests);
            _errors.Add($"{kind} {ex.GetType().Name}");
            return null;
        }
    }

    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    /// <summary>
    /// The action URL of the TwiML's last &lt;Gather&gt;, where Twilio would post the caller's answer (null when the
    /// call ends). A plain scan of the text, not an XML parser: the TwiML comes from the app under test, whose own tests
    /// check it as XML, and here it is read thousands of times a second on the app's machine.
    /// </summary>
    internal static string? LastGatherAction(string twiml)
    {
        var gather = twiml.LastIndexOf("<Gather ", StringComparison.Ordinal);
        var end = gather < 0 ? -1 : twiml.IndexOf('>', gather);
        var attribute = end < 0 ? -1 : twiml.IndexOf(" action=\"", gather, end - gather, StringComparison.Ordinal);
        if (attribute < 0)
        {
            return null;
        }
        var start = attribute + " action=\"".Length;
        var close = twiml.IndexOf('"', start);
        return close < 0 ? null : System.Net.WebUtility.HtmlDecode(twiml[start..close]);
    }
}
