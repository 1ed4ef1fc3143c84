using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoiceFlow.Web.Voice;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// Twilio's Messaging REST API (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>) through a typed HttpClient, so
/// tests point <c>Twilio:ApiBaseUrl</c> at a fake. Maps answers to what the sender does next.
/// </summary>
public sealed class TwilioMessagingClient(HttpClient http, IOptionsMonitor<TwilioOptions> options)
{
    /// <summary>Twilio: "Attempt to send to unsubscribed recipient".</summary>
    public const int UnsubscribedRecipient = 21610;

    public async Task<SmsSendResult> SendAsync(string to, string from, string body, Uri? statusCallback, CancellationToken cancellationToken)
    {
        var twilio = options.CurrentValue;
        var url = new Uri(twilio.ApiBaseUrl, $"/2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid)}/Messages.json");
        var form = new Dictionary<string, string> { ["To"] = to, ["From"] = from, ["Body"] = body };
        if (statusCallback is not null)
        {
            form["StatusCallback"] = statusCallback.ToString();
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(twilio.AccountSid + ":" + twilio.AuthToken)));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new SmsSendResult(SmsSendOutcome.RetryLater, Error: "Twilio unreachable: " + ex.Message);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var (sid, code, message) = Parse(text);
            if (response.IsSuccessStatusCode && sid is not null)
            {
                return new SmsSendResult(SmsSendOutcome.Accepted, sid);
            }
            var error = $"Twilio {(int)response.StatusCode}" + (code is null ? "" : $" error {code}") + (message is null ? "" : ": " + message);
            if (code == UnsubscribedRecipient)
            {
                return new SmsSendResult(SmsSendOutcome.Unsubscribed, Error: error);
            }
            // 401/403 are our credentials, not the message: keep it until the account is fixed.
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ||
                (int)response.StatusCode >= 500 || response.IsSuccessStatusCode)
            {
                return new SmsSendResult(SmsSendOutcome.RetryLater, Error: error, RetryAfter: RetryAfter(response));
            }
            return new SmsSendResult(SmsSendOutcome.Rejected, Error: error);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (response.Headers.TryGetValues("Retry-After", out var values) &&
            int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }

    private static (string? Sid, int? Code, string? Message) Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }
            var sid = root.TryGetProperty("sid", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (sid, code, message);
        }
        catch (JsonException)
        {
            return (null, null, json.Length > 200 ? json[..200] : json);
        }
    }
}
