using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceFlow.Testing;

/// <summary>
/// Twilio's Messaging API on a real loopback port: <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c> with Basic
/// auth (401 otherwise), 201 with a JSON body carrying "sid":"SM..." and "status":"queued". It can be told to answer
/// 429 (with Retry-After) or 500 for a number of requests or until <see cref="Recover"/>, and 400 with code 21610 for
/// unsubscribed numbers. Records every accepted message, so tests can check each was sent once.
/// </summary>
public sealed class FakeTwilioMessaging : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _accountSid;
    private readonly string _authToken;
    private readonly List<FakeTwilioSms> _received = [];
    private readonly HashSet<string> _unsubscribed = [];
    private readonly Lock _gate = new();
    private int _failuresLeft;
    private HttpStatusCode _failure = HttpStatusCode.InternalServerError;
    private TimeSpan? _retryAfter;

    private FakeTwilioMessaging(WebApplication app, string accountSid, string authToken)
    {
        _app = app;
        _accountSid = accountSid;
        _authToken = authToken;
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    /// <summary>Requests refused with an error (429, 5xx, 401, 21610), for tests that expect retries.</summary>
    public int Refused { get; private set; }

    /// <summary>How long each accepted send takes, to widen race windows.</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<FakeTwilioSms> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The settings that point the app at this fake.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Twilio:ApiBaseUrl"] = BaseUrl.ToString() };

    public static async Task<FakeTwilioMessaging> StartAsync(string accountSid = "AC00000000000000000000000000000000", string authToken = VoiceFlowAppFactory.TwilioAuthToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTwilioMessaging(app, accountSid, authToken);
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", (HttpContext http, string sid) => fake.HandleAsync(http, sid));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return fake;
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/> (int.MaxValue: until <see cref="Recover"/>).</summary>
    public void Fail(HttpStatusCode status, int count = int.MaxValue, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _failure = status;
            _failuresLeft = count;
            _retryAfter = retryAfter;
        }
    }

    public void Recover()
    {
        lock (_gate)
        {
            _failuresLeft = 0;
        }
    }

    /// <summary>Sending to <paramref name="e164"/> answers 400 with Twilio error 21610, as after the person texted STOP.</summary>
    public void Unsubscribe(string e164)
    {
        lock (_gate)
        {
            _unsubscribed.Add(e164);
        }
    }

    public IReadOnlyList<FakeTwilioSms> SentTo(string e164) => Received.Where(m => m.To == e164).ToList();

    private async Task<IResult> HandleAsync(HttpContext http, string sid)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(_accountSid + ":" + _authToken));
        if (sid != _accountSid || http.Request.Headers.Authorization.ToString() != expected)
        {
            lock (_gate) { Refused++; }
            return Error(HttpStatusCode.Unauthorized, 20003, "Authenticate");
        }
        var form = await http.Request.ReadFormAsync();
        var to = form["To"].ToString();
        var from = form["From"].ToString();
        var body = form["Body"].ToString();
        if (to.Length == 0 || from.Length == 0 || body.Length == 0)
        {
            lock (_gate) { Refused++; }
            return Error(HttpStatusCode.BadRequest, 21602, "Message body is required.");
        }
        lock (_gate)
        {
            if (_failuresLeft > 0)
            {
                if (_failuresLeft != int.MaxValue)
                {
                    _failuresLeft--;
                }
                Refused++;
                if (_retryAfter is { } after)
                {
                    http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return Error(_failure, _failure == HttpStatusCode.TooManyRequests ? 20429 : 20500, "Fake outage");
            }
            if (_unsubscribed.Contains(to))
            {
                Refused++;
                return Error(HttpStatusCode.BadRequest, 21610, "Attempt to send to unsubscribed recipient");
            }
        }
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }
        var message = new FakeTwilioSms("SM" + Guid.NewGuid().ToString("N"), to, from, body, form["StatusCallback"].ToString() is { Length: > 0 } cb ? cb : null, TimeProvider.System.GetUtcNow());
        lock (_gate)
        {
            _received.Add(message);
        }
        return Results.Json(new { sid = message.Sid, status = "queued", to, from, body, account_sid = _accountSid }, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Error(HttpStatusCode status, int code, string message) =>
        Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status = (int)status }, statusCode: (int)status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
