using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using VoiceFlow.Testing;

namespace VoiceFlow.E2E;

/// <summary>Browser helpers shared by the journeys: sign in, wait for the Blazor circuit, keep screenshots.</summary>
internal static class PortalSession
{
    public static async Task<IPage> SignInAsync(IBrowser browser, Uri baseUrl, string email = VoiceFlowAppFactory.OwnerEmail, string? culture = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = culture ?? "en-CA",
        });
        var page = await context.NewPageAsync();
        if (culture is not null)
        {
            await page.GotoAsync($"/culture/set?culture={culture}&redirectUri=/Account/Login");
        }
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", VoiceFlowAppFactory.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Interactive server rendering is live once Blazor has a connected circuit.</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('.mud-layout') !== null");
        await page.WaitForTimeoutAsync(300);
    }

    /// <summary>Screenshots land in docs/screenshots (the README shows them), so they stay true.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VoiceFlow.sln")))
        {
            dir = dir.Parent;
        }
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    /// <summary>axe-core finds nothing serious or critical on the page as it stands.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
