using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Analytics;
using VoiceFlow.Web.Features.Demo;

namespace VoiceFlow.E2E;

/// <summary>The owner reads three months of figures as charts (English and French), tables and CSV; the platform admin sees the platform.</summary>
public sealed class AnalyticsJourneyTests(TestServers servers, BrowserFixture browser)
{
    private static async Task FullScreenshotAsync(IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VoiceFlow.sln")))
        {
            dir = dir.Parent;
        }
        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task Owner_ReadsChartsTablesAndCsv_InEnglishAndFrench_AdminSeesThePlatform()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, extra: new Dictionary<string, string?> { ["Messaging:RecurringJobs"] = "false" });
        var baseUrl = factory.StartKestrel();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<DatabaseOptionsHolder>().Create(null);
            var businessId = await db.Businesses.IgnoreQueryFilters().Select(b => b.Id).SingleAsync(ct);
            await scope.ServiceProvider.GetRequiredService<VolumeSeeder>()
                .SeedAsync(businessId, new VolumeSeeder.Options(Months: 3, AppointmentsPerMonth: 500, CallsPerMonth: 400, Staff: 4), ct);
            Assert.True(await scope.ServiceProvider.GetRequiredService<DailyRollupJob>().RunAsync(ct) > 80);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).DateTime);
        var period = $"/analytics?from={today.AddDays(-89):yyyy-MM-dd}&to={today:yyyy-MM-dd}";

        var page = await PortalSession.SignInAsync(browser.Browser, baseUrl);
        await page.GotoAsync(period);
        await PortalSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Analytics");
        await Assertions.Expect(page.Locator("#kpi-calls")).ToBeVisibleAsync();
        // Real charts: ninety bars per series of calls per day, a 7-row heat map with busy cells, bars for outcomes.
        await Assertions.Expect(page.Locator("#chart-days .vf-bar-group")).ToHaveCountAsync(90);
        await Assertions.Expect(page.Locator("#chart-heat .vf-heat-day")).ToHaveCountAsync(7);
        Assert.True(await page.Locator("#chart-heat .vf-heat-cell:not([data-value='0'])").CountAsync() > 10);
        Assert.True(await page.Locator("#chart-outcomes .vf-bar").CountAsync() >= 2);
        Assert.True(await page.Locator("#chart-staff .vf-bar").CountAsync() >= 2);
        await Assertions.Expect(page.Locator("#chart-cost")).ToContainTextAsync("Net saving");
        await FullScreenshotAsync(page, "analytics");

        // The heat map as a table: one row per weekday.
        await page.Locator("#chart-heat button", new() { HasText = "Show table" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chart-heat tbody tr")).ToHaveCountAsync(7);
        await PortalSession.ScreenshotAsync(page, "analytics-heat-table");

        // CSV of the outcomes: a header and one line per outcome.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#chart-outcomes button", new() { HasText = "CSV" }).ClickAsync());
        Assert.Equal("outcomes.csv", download.SuggestedFilename);
        var csv = (await File.ReadAllLinesAsync(await download.PathAsync(), ct)).Where(l => l.Length > 0).ToList();
        Assert.Equal("Outcome,Calls", csv[0]);
        Assert.True(csv.Count >= 3);
        Assert.All(csv.Skip(1), line => Assert.Matches(@"^[^,]+,\d+$", line));

        // The same page in French.
        var fr = await PortalSession.SignInAsync(browser.Browser, baseUrl, culture: "fr-CA");
        await fr.GotoAsync(period);
        await PortalSession.WaitForCircuitAsync(fr);
        await Assertions.Expect(fr.Locator("h1")).ToHaveTextAsync("Analyses");
        await Assertions.Expect(fr.Locator("#chart-heat")).ToContainTextAsync("Heures de pointe");
        Assert.True(await fr.Locator("#chart-heat .vf-heat-cell:not([data-value='0'])").CountAsync() > 10);
        await Assertions.Expect(fr.Locator("#chart-heat button", new() { HasText = "Afficher le tableau" })).ToBeVisibleAsync();
        await FullScreenshotAsync(fr, "analytics-fr");

        // Admin: a webhook has been timed, the businesses and dependencies are listed, the latency chart is drawn.
        using (var http = new HttpClient { BaseAddress = baseUrl })
        {
            for (var i = 0; i < 5; i++)
            {
                await http.PostAsync("/twilio/voice/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = "CAe2e" }), ct);
            }
        }
        await page.GotoAsync("/admin");
        await PortalSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Admin");
        await Assertions.Expect(page.Locator("#admin-businesses")).ToContainTextAsync("Maple Dental Clinic");
        await Assertions.Expect(page.Locator("#dep-database")).ToContainTextAsync("Healthy");
        await Assertions.Expect(page.Locator("#chart-latency polyline")).ToHaveCountAsync(3);
        await FullScreenshotAsync(page, "admin");
    }
}
