using System.Net;
using System.Text.RegularExpressions;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.Hardening;

public sealed partial class SecurityHeadersTests(TestServers servers)
{
    [Fact]
    public async Task PortalPages_CarryCspWithANoncedImportMap_NoSniff_NoFraming_AndReferrerPolicy()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: true);
        var client = PortalClient.Anonymous(factory);
        var ct = TestContext.Current.CancellationToken;

        using var login = await client.GetAsync("/Account/Login", ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var csp = Assert.Single(login.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        var nonce = Nonce().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        var html = await login.Content.ReadAsStringAsync(ct);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(login.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(login.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(login.Headers.GetValues("Referrer-Policy")));

        using var again = await client.GetAsync("/Account/Login", ct);
        Assert.NotEqual(nonce, Nonce().Match(Assert.Single(again.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value);

        var owner = await PortalClient.SignedInAsync(factory);
        using var dashboard = await owner.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.True(dashboard.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task WebhooksAndHealth_AreLeftAsTheyWere()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: true);
        var client = PortalClient.Anonymous(factory);
        var ct = TestContext.Current.CancellationToken;
        using var health = await client.GetAsync("/healthz", ct);
        Assert.False(health.Headers.Contains("Content-Security-Policy"));
        var form = new Dictionary<string, string> { ["CallSid"] = "CA-headers", ["From"] = "+14165550100", ["To"] = VoiceFlowAppFactory.DemoPhone };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/twilio/voice/incoming") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSigner.Sign(VoiceFlowAppFactory.TwilioAuthToken, "http://localhost/twilio/voice/incoming", form));
        using var webhook = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        Assert.False(webhook.Headers.Contains("Content-Security-Policy"));
        Assert.False(webhook.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task AnUnknownAddress_ShowsTheNotFoundPage_WhileTheApiAndWebhooksKeepABare404()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: true);
        var client = PortalClient.Anonymous(factory);
        var ct = TestContext.Current.CancellationToken;

        using var page = await client.GetAsync("/no-such-page", ct);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var owner = await PortalClient.SignedInAsync(factory);
        using var signedIn = await owner.GetAsync("/appointments/no/such/page", ct);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.Contains("Page not found", await signedIn.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var api = await client.GetAsync("/api/v1/no-such-thing", ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("Page not found", await api.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        using var webhook = await client.PostAsync("/twilio/no-such-hook", new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = "CA-404" }), ct);
        Assert.Contains(webhook.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Empty(await webhook.Content.ReadAsByteArrayAsync(ct));
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccount_EvenForTheRightPassword()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: true);
        var client = PortalClient.Anonymous(factory);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await PortalClient.SignInAsync(client, VoiceFlowAppFactory.StaffEmail, "Wrong!pass" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var locked = await PortalClient.SignInAsync(client, VoiceFlowAppFactory.StaffEmail, VoiceFlowAppFactory.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
