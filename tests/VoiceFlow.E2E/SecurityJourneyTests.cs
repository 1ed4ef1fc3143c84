using Microsoft.Playwright;
using VoiceFlow.Testing;

namespace VoiceFlow.E2E;

/// <summary>The portal under its content security policy, and a customer's erasure as an owner does it.</summary>
public sealed class SecurityJourneyTests(TestServers servers, BrowserFixture browser)
{
    private const string ViolationRecorder =
        "document.addEventListener('securitypolicyviolation', e => (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + ' ' + e.blockedURI));";

    [Fact]
    public async Task PortalPages_RunUnderTheContentSecurityPolicy_WithoutViolations()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        await context.AddInitScriptAsync(ViolationRecorder);
        var console = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, message) => console.Add(message.Text);
        page.PageError += (_, error) => console.Add("page error: " + error);

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", VoiceFlowAppFactory.OwnerEmail);
        await page.FillAsync("#password", VoiceFlowAppFactory.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await PortalSession.WaitForCircuitAsync(page);

        foreach (var path in new[] { "/", "/appointments", "/customers", "/calls", "/analytics", "/settings", "/audit", "/calls/simulator", "/account/security" })
        {
            await page.GotoAsync(path);
            if (path != "/account/security")
            {
                await PortalSession.WaitForCircuitAsync(page);
            }
            await page.WaitForTimeoutAsync(400);
            Assert.Empty(await ViolationsAsync(page));
        }
        // Interactivity works under the policy: the circuit answers a click.
        await page.GotoAsync("/appointments");
        await PortalSession.WaitForCircuitAsync(page);
        await page.ClickAsync("#view-list");
        await Assertions.Expect(page.Locator("#view-list")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Empty(await ViolationsAsync(page));
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal));

        // The recorder does catch what the policy blocks: an injected inline script.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.body.appendChild(s); }");
        await page.WaitForTimeoutAsync(200);
        Assert.Contains(await ViolationsAsync(page), v => v.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__injected ?? null"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Owner_ErasesACustomer_ByTypingTheName_AndTheAuditLogShowsIt()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);

        await page.GotoAsync("/customers");
        await PortalSession.WaitForCircuitAsync(page);
        var link = page.Locator(".vf-customer-link").First;
        var name = (await link.InnerTextAsync()).Trim();
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#export-customer")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/customers/[0-9a-f-]+/export$"));

        await page.ClickAsync("#erase-customer");
        await Assertions.Expect(page.Locator("#erase-submit")).ToBeDisabledAsync();
        await page.FillAsync("#erase-confirm", name[..^1]);
        await Assertions.Expect(page.Locator("#erase-submit")).ToBeDisabledAsync();
        await page.FillAsync("#erase-confirm", name);
        await Assertions.Expect(page.Locator("#erase-submit")).ToBeEnabledAsync();
        await page.ClickAsync("#erase-submit");
        await page.WaitForURLAsync(url => url.EndsWith("/customers", StringComparison.Ordinal));
        await PortalSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#customers-grid")).Not.ToContainTextAsync(name);

        await page.GotoAsync("/audit");
        await PortalSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#audit-grid")).ToContainTextAsync("customer.erased");
        await Assertions.Expect(page.Locator("#audit-grid")).ToContainTextAsync(VoiceFlowAppFactory.OwnerEmail);
        await page.Context.CloseAsync();
    }

    private static async Task<string[]> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
}
