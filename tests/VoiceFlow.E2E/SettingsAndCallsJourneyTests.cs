using Microsoft.Playwright;
using VoiceFlow.Testing;

namespace VoiceFlow.E2E;

public sealed class SettingsAndCallsJourneyTests(TestServers servers, BrowserFixture browser)
{
    [Fact]
    public async Task Owner_ReadsSeededCallTranscript()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var page = await PortalSession.SignInAsync(browser.Browser, factory.StartKestrel());

        await page.ClickAsync("nav a[href='/calls']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Calls");
        await Assertions.Expect(page.Locator(".vf-outcome").First).ToContainTextAsync("Information");
        await page.Locator(".vf-row-link").First.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/calls/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Call from");
        await Assertions.Expect(page.Locator("#call-summary")).ToContainTextAsync("Asked for Friday's opening hours.");
        await Assertions.Expect(page.Locator(".vf-turn-caller").First).ToContainTextAsync("what time do you close on friday");
        await Assertions.Expect(page.Locator(".vf-turn-agent").First).ToBeVisibleAsync();
        await PortalSession.ScreenshotAsync(page, "call-detail");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Owner_ChangesOpeningHours_AndInvitesStaffUser_WhoIsRefusedSettings()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);

        await page.GotoAsync("/settings?tab=hours");
        await PortalSession.WaitForCircuitAsync(page);
        var saturday = page.Locator("#business-hours [data-day=Saturday]");
        await saturday.GetByRole(AriaRole.Button, new() { Name = "Add hours on Saturday" }).ClickAsync();
        await saturday.Locator("input[data-field=opens]").First.FillAsync("10:00");
        await saturday.Locator("input[data-field=closes]").First.FillAsync("14:00");
        await saturday.Locator("input[data-field=closes]").First.BlurAsync();
        await page.ClickAsync("#hours-save");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("opening hours on Saturday");
        await PortalSession.ScreenshotAsync(page, "settings");

        await page.ReloadAsync();
        await PortalSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#business-hours [data-day=Saturday] input[data-field=opens]").First).ToHaveValueAsync("10:00");

        await page.GotoAsync("/settings?tab=users");
        await PortalSession.WaitForCircuitAsync(page);
        await page.ClickAsync("#user-invite");
        await page.FillAsync("#invite-name", "Nadia Front Desk");
        await page.FillAsync("#invite-email", "nadia@maple.example");
        await page.ClickAsync("#invite-send");
        var password = (await page.Locator("#invite-password").TextContentAsync())!.Trim();
        Assert.Equal(12, password.Length);
        await page.ClickAsync("#invite-done");
        await Assertions.Expect(page.Locator("#users-table")).ToContainTextAsync("nadia@maple.example");
        await page.Context.CloseAsync();

        // The invited staff member signs in with the temporary password and is refused the settings page.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });
        var staff = await context.NewPageAsync();
        await staff.GotoAsync("/Account/Login");
        await staff.FillAsync("#email", "nadia@maple.example");
        await staff.FillAsync("#password", password);
        await staff.ClickAsync("#sign-in");
        await staff.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await staff.GotoAsync("/settings");
        await RefusedAsync(staff);
        await context.CloseAsync();
    }

    [Fact]
    public async Task SeededStaffUser_IsRefusedSettings()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var page = await PortalSession.SignInAsync(browser.Browser, factory.StartKestrel(), VoiceFlowAppFactory.StaffEmail);
        await Assertions.Expect(page.Locator("nav a[href='/settings']")).ToHaveCountAsync(0);
        await page.GotoAsync("/settings");
        await RefusedAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>Refused: the access-denied page (HTTP) or notice (in-circuit navigation), never the settings heading.</summary>
    private static async Task RefusedAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => location.pathname.includes('AccessDenied') || document.querySelector('#access-denied') !== null");
        await Assertions.Expect(page.Locator("#settings-tabs")).ToHaveCountAsync(0);
    }
}
