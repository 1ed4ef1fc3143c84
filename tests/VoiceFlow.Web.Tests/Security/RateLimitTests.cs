using System.Net;
using System.Net.Http.Json;
using VoiceFlow.Testing;
using VoiceFlow.Web.Tests.Api;

namespace VoiceFlow.Web.Tests.Security;

/// <summary>Rate limits with small budgets: 429 with Retry-After and problem details, per key, per IP for sign-in, per number for webhooks.</summary>
public sealed class RateLimitTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<VoiceFlowAppFactory> CreateAsync(TestServers servers) =>
        VoiceFlowAppFactory.CreateAsync(servers, extra: new Dictionary<string, string?>
        {
            ["RateLimiting:ApiPerMinute"] = "5",
            ["RateLimiting:SignInPerMinute"] = "3",
            ["RateLimiting:WebhookPerNumberPerMinute"] = "4",
        });

    [Fact]
    public async Task Api_OverItsBudget_Answers429WithRetryAfterAndProblemDetails_PerKey()
    {
        await using var factory = await CreateAsync(servers);
        var businessId = await ApiTestKit.DemoBusinessIdAsync(factory);
        var (first, _) = await ApiTestKit.CreateKeyAsync(factory, businessId, "first");
        var (second, _) = await ApiTestKit.CreateKeyAsync(factory, businessId, "second");
        using var client = ApiTestKit.KeyClient(factory, first);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services", Ct)).StatusCode);
        }
        var refused = await client.GetAsync("/api/v1/services", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await ApiTestKit.ReadJsonAsync(refused)).GetProperty("status").GetInt32());

        // Another key has its own budget.
        using var other = ApiTestKit.KeyClient(factory, second);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/services", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_OverItsBudget_Answers429_ForTheApiLoginAndThePortalForm()
    {
        await using var factory = await CreateAsync(servers);
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "guess" + i }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }
        var refused = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = VoiceFlowAppFactory.OwnerEmail, password = VoiceFlowAppFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));

        // The portal's form shares the per-IP budget; its GET (the form itself) is not limited.
        using var portal = PortalClient.Anonymous(factory);
        var form = await PortalClient.SignInAsync(portal, VoiceFlowAppFactory.OwnerEmail, VoiceFlowAppFactory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/Account/Login", Ct)).StatusCode);
    }

    [Fact]
    public async Task Webhooks_OverTheBudgetOfOneNumber_Answer429_OtherNumbersAreNotAffected()
    {
        await using var factory = await CreateAsync(servers);
        using var client = factory.CreateClient();
        async Task<HttpResponseMessage> StatusAsync(string to)
        {
            var form = new Dictionary<string, string>
            {
                ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"), ["MessageStatus"] = "delivered", ["To"] = to, ["From"] = VoiceFlowAppFactory.DemoPhone,
                ["AccountSid"] = "AC00000000000000000000000000000000",
            };
            using var request = TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, new Uri(client.BaseAddress!, "/twilio/sms/status"), form);
            return await client.SendAsync(request, Ct);
        }
        for (var i = 0; i < 4; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await StatusAsync("+14165550101")).StatusCode);
        }
        var refused = await StatusAsync("+14165550101");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await StatusAsync("+14165550202")).StatusCode);
    }

    [Fact]
    public async Task DefaultWebhookBudget_TakesAThousandCallbacksForOneNumber_WithoutA429()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = factory.CreateClient();
        var url = new Uri(client.BaseAddress!, "/twilio/sms/status");
        var codes = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = Ct }, async (i, ct) =>
        {
            var form = new Dictionary<string, string>
            {
                ["MessageSid"] = $"SM{i:D32}", ["MessageStatus"] = "delivered", ["To"] = VoiceFlowAppFactory.DemoPhone, ["From"] = "+14165550101",
                ["AccountSid"] = "AC00000000000000000000000000000000",
            };
            using var request = TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, url, form);
            codes.Add((await client.SendAsync(request, ct)).StatusCode);
        });
        Assert.Equal(1000, codes.Count);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, codes);
        Assert.DoesNotContain(codes, c => (int)c >= 500);
    }
}
