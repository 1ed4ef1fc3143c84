using System.Xml.Linq;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.Voice;

/// <summary>Plays Twilio against the app: signed form posts, following the action URLs the TwiML gives.</summary>
internal sealed class TwilioClient(HttpClient http, string callSid, string from = "+14165559876", string to = VoiceFlowAppFactory.DemoPhone)
{
    public string CallSid { get; } = callSid;

    public XDocument? LastTwiml { get; private set; }

    public string? NextAction { get; private set; }

    public Dictionary<string, string> BaseForm() => new()
    {
        ["CallSid"] = CallSid,
        ["AccountSid"] = "AC00000000000000000000000000000000",
        ["From"] = from,
        ["To"] = to,
        ["CallStatus"] = "in-progress",
        ["Direction"] = "inbound",
    };

    public async Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string>? extra = null, string? token = VoiceFlowAppFactory.TwilioAuthToken)
    {
        var form = BaseForm();
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            form[k] = v;
        }
        var url = new Uri(http.BaseAddress!, path);
        using var request = token is null
            ? new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) }
            : TwilioSigner.SignedPost(token, url, form);
        var response = await http.SendAsync(request);
        if (response.Content.Headers.ContentType?.MediaType == "application/xml")
        {
            var xml = await response.Content.ReadAsStringAsync();
            LastTwiml = XDocument.Parse(xml);
            NextAction = LastTwiml.Descendants().Select(e => e.Attribute("action")?.Value).LastOrDefault(a => a is not null);
        }
        return response;
    }

    /// <summary>The caller answers the last Gather (speech, or keys).</summary>
    public Task<HttpResponseMessage> SayAsync(string? speech, double confidence = 0.92, string? digits = null)
    {
        var form = new Dictionary<string, string>();
        if (speech is not null)
        {
            form["SpeechResult"] = speech;
            form["Confidence"] = confidence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (digits is not null)
        {
            form["Digits"] = digits;
        }
        return PostAsync(NextAction ?? "/twilio/voice/gather", form);
    }

    /// <summary>Everything the agent said in the last TwiML.</summary>
    public string Spoken => string.Join(" ", LastTwiml?.Descendants("Say").Select(s => s.Value) ?? []);
}
