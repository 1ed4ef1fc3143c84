using System.Net;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.Voice;

/// <summary>Unsigned, wrongly signed, malformed, oversized and unknown requests: 403, 400 or sensible TwiML, never a 500.</summary>
public sealed class VoiceWebhookBadInputTests(TestServers servers)
{
    [Fact]
    public async Task Unsigned_And_WronglySigned_Get403()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var http = factory.CreateClient();
        var twilio = new TwilioClient(http, "CA" + Guid.NewGuid().ToString("N"));
        var unsigned = await twilio.PostAsync("/twilio/voice/incoming", token: null);
        Assert.True(unsigned.StatusCode == HttpStatusCode.Forbidden, await unsigned.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) + unsigned.Headers);
        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.PostAsync("/twilio/voice/incoming", token: "wrong-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.PostAsync("/twilio/voice/status", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.PostAsync("/twilio/voice/fallback", token: null)).StatusCode);
    }

    [Fact]
    public async Task MissingFields_Get400_OversizedBody_Gets400_NotAForm_Gets400()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var http = factory.CreateClient();
        var url = new Uri(http.BaseAddress!, "/twilio/voice/incoming");
        var noSid = new Dictionary<string, string> { ["From"] = "+14165550000", ["To"] = VoiceFlowAppFactory.DemoPhone };
        using (var request = TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, url, noSid))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }
        var huge = new Dictionary<string, string> { ["CallSid"] = "CAhuge", ["To"] = VoiceFlowAppFactory.DemoPhone, ["SpeechResult"] = new string('a', 100_000) };
        using (var request = TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, url, huge))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }
        using (var json = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{\"CallSid\":\"x\"}", System.Text.Encoding.UTF8, "application/json") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(json, TestContext.Current.CancellationToken)).StatusCode);
        }
    }

    [Fact]
    public async Task UnknownCalledNumber_GetsPoliteNotInServiceTwiml()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var http = factory.CreateClient();
        var twilio = new TwilioClient(http, "CA" + Guid.NewGuid().ToString("N"), to: "+15555559999");
        var response = await twilio.PostAsync("/twilio/voice/incoming");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not in service", twilio.Spoken, StringComparison.Ordinal);
        Assert.NotNull(twilio.LastTwiml!.Descendants("Hangup").SingleOrDefault());
    }

    [Fact]
    public async Task StatusForUnknownCall_And_FallbackUrl_AnswerWithTwiml()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var http = factory.CreateClient();
        var twilio = new TwilioClient(http, "CAnever" + Guid.NewGuid().ToString("N"));
        var status = await twilio.PostAsync("/twilio/voice/status", new Dictionary<string, string> { ["CallStatus"] = "completed", ["CallDuration"] = "12" });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var fallback = await twilio.PostAsync("/twilio/voice/fallback", new Dictionary<string, string> { ["ErrorCode"] = "11200" });
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
        Assert.Contains("Sorry", twilio.Spoken, StringComparison.Ordinal);
        Assert.NotNull(twilio.LastTwiml!.Descendants("Record").SingleOrDefault());
    }

    [Fact]
    public async Task BehindTlsProxy_SignatureOfThePublicHttpsUrl_IsAccepted_WithOrWithoutDefaultPort()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var http = factory.CreateClient();
        foreach (var publicUrl in new[] { "https://voice.example.ca/twilio/voice/status", "https://voice.example.ca:443/twilio/voice/status" })
        {
            var form = new Dictionary<string, string> { ["CallSid"] = "CAproxy", ["To"] = VoiceFlowAppFactory.DemoPhone, ["CallStatus"] = "completed" };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/voice/status") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", publicUrl.Contains(":443", StringComparison.Ordinal) ? "voice.example.ca:443" : "voice.example.ca");
            request.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(VoiceFlowAppFactory.TwilioAuthToken, publicUrl, form));
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }
        // The same signature for the internal http URL is not what Twilio signed: refused.
        var formB = new Dictionary<string, string> { ["CallSid"] = "CAproxy", ["To"] = VoiceFlowAppFactory.DemoPhone };
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/twilio/voice/status") { Content = new FormUrlEncodedContent(formB) };
        wrong.Headers.Add("X-Forwarded-Proto", "https");
        wrong.Headers.Add("X-Forwarded-Host", "voice.example.ca");
        wrong.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(VoiceFlowAppFactory.TwilioAuthToken, "http://localhost/twilio/voice/status", formB));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrong, TestContext.Current.CancellationToken)).StatusCode);
    }
}
