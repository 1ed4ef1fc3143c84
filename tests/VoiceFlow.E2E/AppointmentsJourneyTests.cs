using Microsoft.Playwright;
using VoiceFlow.Testing;

namespace VoiceFlow.E2E;

public sealed class AppointmentsJourneyTests(TestServers servers, BrowserFixture browser)
{
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>The result is announced and the dialog has gone (its overlay would swallow the next click).</summary>
    private static async Task SnackbarAsync(IPage page, string text)
    {
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = text })).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1200); // the closing dialog and its overlay fade out before the next click
    }

    [Fact]
    public async Task FrontDesk_BooksFromFreeSlots_Reschedules_Cancels_ThenFindsTheCustomer()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var baseUrl = factory.StartKestrel();
        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);

        await page.ClickAsync("nav a[href='/appointments']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Appointments");
        await Assertions.Expect(page.Locator("#zone-label")).ToContainTextAsync("All times Toronto");
        await Assertions.Expect(page.Locator(".vf-cal-col")).ToHaveCountAsync(7);
        await PortalSession.ScreenshotAsync(page, "appointments-week");

        // Next week, Wednesday: click a free cell, the dialog opens on that day.
        var wednesday = page.Locator(".vf-cal-col").Nth(2);
        var thisWeek = await wednesday.GetAttributeAsync("data-date");
        await page.ClickAsync("#nav-next");
        // The next week has rendered (reading the date before that picked this week's, on a busy machine).
        await Assertions.Expect(wednesday).Not.ToHaveAttributeAsync("data-date", thisWeek!);
        var date = await wednesday.GetAttributeAsync("data-date");
        await wednesday.Locator($"button.vf-cal-cell[data-start='{date}T13:00']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator("h2")).ToHaveTextAsync("New appointment");

        // Validation beside the fields before anything is chosen.
        await page.ClickAsync("#booking-submit");
        await Assertions.Expect(dialog).ToContainTextAsync("Choose a service.");

        await ChooseAsync(page, dialog.Locator(".mud-select").First, "Cleaning");
        var freeSlot = dialog.Locator(".vf-free-slot").First;
        await Assertions.Expect(freeSlot).ToBeVisibleAsync();
        var slotText = (await freeSlot.InnerTextAsync()).Trim();
        await freeSlot.ClickAsync();
        await Assertions.Expect(freeSlot).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("#customer-new").ClickAsync();
        await page.FillAsync("#booking-name", "Nadia Journey");
        await page.FillAsync("#booking-phone", "416 555 0177");
        await page.FillAsync("#booking-notes", "First visit");
        await PortalSession.ScreenshotAsync(page, "appointments-booking");
        await page.ClickAsync("#booking-submit");
        await SnackbarAsync(page, "Appointment booked");

        var block = page.Locator(".vf-cal-event", new() { HasText = "Nadia Journey" });
        await Assertions.Expect(block).ToBeVisibleAsync();
        await Assertions.Expect(block).ToContainTextAsync(slotText);

        // Reschedule to another free time on the same day.
        await block.ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Nadia Journey");
        await Assertions.Expect(dialog.Locator("#action-reschedule")).ToBeVisibleAsync();
        await PortalSession.ScreenshotAsync(page, "appointment-details");
        await page.ClickAsync("#action-reschedule");
        var newSlot = dialog.Locator("#reschedule-panel .vf-free-slot").Last;
        await Assertions.Expect(newSlot).ToBeVisibleAsync();
        var newText = (await newSlot.InnerTextAsync()).Trim();
        await newSlot.ClickAsync();
        await SnackbarAsync(page, "Appointment moved");
        await Assertions.Expect(block).ToContainTextAsync(newText);

        // Cancel, with a reason: asked once, then gone from the calendar.
        await block.ClickAsync();
        await page.ClickAsync("#action-cancel");
        await page.FillAsync("#cancel-reason", "Called to cancel");
        await page.ClickAsync("#cancel-confirm");
        await SnackbarAsync(page, "Appointment cancelled");
        await Assertions.Expect(block).ToHaveCountAsync(0);

        // The list view still has it, as cancelled.
        await page.ClickAsync("#view-list");
        await page.FillAsync("#filter-customer", "Nadia");
        await Assertions.Expect(page.Locator("#appointments-grid")).ToContainTextAsync("Cancelled");
        await PortalSession.ScreenshotAsync(page, "appointments-list");

        // Find the customer by typing, open the profile.
        await page.ClickAsync("nav a[href='/customers']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Customers");
        await PortalSession.ScreenshotAsync(page, "customers");
        await page.FillAsync("#customer-search", "nadia jour");
        var row = page.Locator("#customers-grid a", new() { HasText = "Nadia Journey" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Nadia Journey");
        await Assertions.Expect(page.Locator("#profile-phone")).ToHaveTextAsync("(416) 555-0177");
        await Assertions.Expect(page.Locator(".vf-history-row").First).ToContainTextAsync("Cancelled");
        await PortalSession.ScreenshotAsync(page, "customer-profile");
        await page.Context.CloseAsync();
    }
}
