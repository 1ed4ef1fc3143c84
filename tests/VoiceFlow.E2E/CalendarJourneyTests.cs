using Microsoft.Playwright;
using VoiceFlow.Testing;

namespace VoiceFlow.E2E;

/// <summary>The owner connects Google Calendar in Chromium against the fake Google's consent page, maps a calendar, disconnects.</summary>
public sealed class CalendarJourneyTests(TestServers servers, BrowserFixture browser)
{
    [Fact]
    public async Task Owner_ConnectsGoogleCalendar_MapsStaff_AppointmentsArrive_ThenDisconnects()
    {
        await using var google = await FakeGoogleCalendar.StartAsync();
        var settings = google.Settings;
        settings["CalendarSync:PollInterval"] = "00:00:01";
        settings["CalendarSync:RecurringJobs"] = "false";
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, extra: settings);
        var page = await PortalSession.SignInAsync(browser.Browser, factory.StartKestrel());

        await page.GotoAsync("/settings?tab=calendar");
        await PortalSession.WaitForCircuitAsync(page);
        await page.ClickAsync("#calendar-connect");

        // Google's consent screen (the fake), then back to VoiceFlow.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("VoiceFlow wants to access your Google Account");
        Assert.Contains("access_type=offline", google.LastAuthorizationQuery, StringComparison.Ordinal);
        await page.ClickAsync("#allow");
        await page.WaitForURLAsync(url => url.Contains("calendar=connected", StringComparison.Ordinal));
        await PortalSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#calendar-status")).ToHaveTextAsync("Connected");
        await Assertions.Expect(page.Locator("#calendar-connection")).ToContainTextAsync(google.AccountEmail);

        // Dr. Chen (first in the list) -> the primary calendar.
        await page.Locator("#calendar-mappings .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Primary" }).First.ClickAsync();
        await page.ClickAsync("#calendar-save");
        await Assertions.Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Calendars saved");
        await PortalSession.ScreenshotAsync(page, "settings-calendar");

        for (var i = 0; i < 100 && google.Events(google.AccountEmail).Count == 0; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.NotEmpty(google.Events(google.AccountEmail));
        Assert.All(google.Events(google.AccountEmail), e => Assert.NotNull(e.AppointmentId));

        await page.ClickAsync("#calendar-disconnect");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Assertions.Expect(page.Locator("#calendar-connect")).ToBeVisibleAsync();
        Assert.Equal(1, google.RevokedCount);
        await page.Context.CloseAsync();
    }
}
