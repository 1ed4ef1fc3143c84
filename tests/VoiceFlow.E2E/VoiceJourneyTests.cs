using Microsoft.Playwright;
using VoiceFlow.Testing;

namespace VoiceFlow.E2E;

/// <summary>The receptionist seen from the portal: a live call on the dashboard, and the call simulator.</summary>
public sealed class VoiceJourneyTests(TestServers servers, BrowserFixture browser)
{
    private static HttpRequestMessage Webhook(Uri baseUrl, string path, Dictionary<string, string> form) =>
        TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, new Uri(baseUrl, path), form);

    [Fact]
    public async Task LiveCall_AppearsOnDashboard_UpdatesAndDisappears_WithoutReload()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);
        await Assertions.Expect(page.Locator("#live-calls")).ToContainTextAsync("No calls right now.");

        using var http = new HttpClient();
        var form = new Dictionary<string, string> { ["CallSid"] = "CAlive" + Guid.NewGuid().ToString("N")[..10], ["From"] = "+14165551234", ["To"] = VoiceFlowAppFactory.DemoPhone };
        (await http.SendAsync(Webhook(baseUrl, "/twilio/voice/incoming", form), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#live-calls")).ToContainTextAsync("+14165551234");
        await Assertions.Expect(page.Locator("#live-indicator")).ToContainTextAsync("1");

        var said = new Dictionary<string, string>(form) { ["SpeechResult"] = "I'd like to book a checkup", ["Confidence"] = "0.9" };
        (await http.SendAsync(Webhook(baseUrl, "/twilio/voice/gather", said), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#live-calls")).ToContainTextAsync("I'd like to book a checkup");
        await PortalSession.ScreenshotAsync(page, "dashboard-live-call");

        var ended = new Dictionary<string, string>(form) { ["CallStatus"] = "completed", ["CallDuration"] = "20" };
        (await http.SendAsync(Webhook(baseUrl, "/twilio/voice/status", ended), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#live-calls")).ToContainTextAsync("No calls right now.");
        await Assertions.Expect(page.Locator("#live-indicator")).ToContainTextAsync("0");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Simulator_BooksThroughTheSameEngine_AndShowsTheConversation()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);
        await page.GotoAsync("/calls/simulator");
        await PortalSession.WaitForCircuitAsync(page);
        await page.FillAsync("#sim-from", "+14165550777");
        await page.ClickAsync("#sim-start");
        await Assertions.Expect(page.Locator("#sim-transcript")).ToContainTextAsync("Maple Dental Clinic");

        async Task SayAsync(string text)
        {
            var bubbles = await page.Locator("#sim-transcript .vf-sim-row").CountAsync();
            await page.FillAsync("#sim-input", text);
            await page.ClickAsync("#sim-send");
            await Assertions.Expect(page.Locator("#sim-transcript .vf-sim-row")).ToHaveCountAsync(bubbles + 2);
        }

        await SayAsync("I'd like a checkup on December 9th at 11 am");
        await Assertions.Expect(page.Locator("#sim-transcript")).ToContainTextAsync("is free");
        await SayAsync("Nora Quinn");
        await SayAsync("yes");
        await SayAsync("yes");
        await Assertions.Expect(page.Locator("#sim-transcript")).ToContainTextAsync("You're booked");
        await PortalSession.ScreenshotAsync(page, "simulator");
        await SayAsync("no that's all");
        await Assertions.Expect(page.Locator("#sim-status")).ToContainTextAsync("Call ended");
        await page.Context.CloseAsync();
    }
}
