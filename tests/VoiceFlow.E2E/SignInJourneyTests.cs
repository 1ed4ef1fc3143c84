using Microsoft.Playwright;
using VoiceFlow.Testing;

namespace VoiceFlow.E2E;

public sealed class SignInJourneyTests(TestServers servers, BrowserFixture browser)
{
    [Fact]
    public async Task DemoOwner_SignsIn_SeesDashboard()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.Locator(".vf-brand-name")).ToHaveTextAsync("Maple Dental Clinic");
        await Assertions.Expect(page.Locator("#kpi-appointments")).ToContainTextAsync("Appointments today");
        await Assertions.Expect(page.Locator(".vf-lane-name").First).ToHaveTextAsync("Dr. Sarah Chen");
        await PortalSession.ScreenshotAsync(page, "dashboard");

        // Every navigation link leads to a page with its own heading.
        foreach (var (href, heading) in new[] { ("/appointments", "Appointments"), ("/customers", "Customers"), ("/calls", "Calls"), ("/analytics", "Analytics"), ("/settings", "Settings") })
        {
            await page.ClickAsync($"nav a[href='{href}']");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            if (href == "/analytics")
            {
                // The README's analytics screenshot is the analytics journey's, with three months of figures.
                await Assertions.Expect(page.Locator("#chart-days svg.mud-chart-line")).ToBeVisibleAsync();
            }
        }

        await page.ClickAsync(".vf-user-menu button");
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Portal_InFrench_ShowsFrenchFrameAndLogin()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl, culture: "fr-CA");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tableau de bord");
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Rendez-vous");
        await PortalSession.ScreenshotAsync(page, "dashboard-fr");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MainPages_HaveNoSeriousAccessibilityViolations()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });
        var login = await context.NewPageAsync();
        await login.GotoAsync("/Account/Login");
        await PortalSession.AssertAccessibleAsync(login, "login");
        await context.CloseAsync();

        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);
        await PortalSession.AssertAccessibleAsync(page, "dashboard");
        foreach (var path in new[] { "/appointments", "/customers", "/calls", "/analytics", "/settings", "/calls/simulator" })
        {
            await page.GotoAsync(path);
            await PortalSession.WaitForCircuitAsync(page);
            await page.WaitForTimeoutAsync(800);
            await PortalSession.AssertAccessibleAsync(page, path);
        }
        await page.Context.CloseAsync();
    }
}
