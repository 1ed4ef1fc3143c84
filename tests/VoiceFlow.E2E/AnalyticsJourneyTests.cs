using System.Globalization;
using System.Text.RegularExpressions;
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

    /// <summary>Heat map cells drawn darker than the palest shade of its legend, the one for the quietest hours.</summary>
    private static async Task<int> BusyHeatCellsAsync(IPage page)
    {
        var cells = page.Locator("#chart-heat svg.mud-chart-heat g.mud-chart-cell rect");
        await Assertions.Expect(cells.First).ToBeVisibleAsync();
        var palest = await page.Locator("#chart-heat .mud-chart-heatmap-legend rect").First.GetAttributeAsync("fill");
        var fills = await cells.EvaluateAllAsync<string[]>("rects => rects.map(r => r.getAttribute('fill'))");
        Assert.True(fills.Length >= 77 && fills.Length % 7 == 0, $"{fills.Length} heat map cells");
        return fills.Count(f => f != palest);
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
        // Real MudBlazor charts (SVG drawn on the server): a line per series through all ninety days, a heat map of seven
        // weekdays with busy cells, donut segments for the outcomes, bars for staff and for the cost estimate.
        var days = page.Locator("#chart-days svg.mud-chart-line path.mud-chart-line");
        await Assertions.Expect(days).ToHaveCountAsync(2);
        Assert.All(await days.EvaluateAllAsync<string[]>("paths => paths.map(p => p.getAttribute('d'))"),
            d => Assert.Equal(90, d.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries).Length));
        await Assertions.Expect(page.Locator("#chart-days .mud-charts-xaxis text")).ToHaveCountAsync(90);
        await Assertions.Expect(page.Locator("#chart-days .vf-chart")).ToHaveAttributeAsync("aria-label", new Regex(@"^Calls per day, .+\. Calls: highest \d+"));
        await Assertions.Expect(page.Locator("#chart-heat svg.mud-chart-heat text.mud-charts-yaxis")).ToHaveCountAsync(7);
        Assert.True(await BusyHeatCellsAsync(page) > 10);
        Assert.True(await page.Locator("#chart-outcomes svg.mud-chart-donut path.mud-chart-serie").CountAsync() >= 2);
        Assert.True(await page.Locator("#chart-staff svg.mud-chart-bar path.mud-chart-bar").CountAsync() >= 2);
        await Assertions.Expect(page.Locator("#chart-cost svg.mud-chart-bar path.mud-chart-bar")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#chart-cost")).ToContainTextAsync("Net saving");
        await PortalSession.AssertAccessibleAsync(page, "analytics with three months of figures");
        await FullScreenshotAsync(page, "analytics");

        // The heat map as a table: one row per weekday.
        await page.Locator("#chart-heat button", new() { HasText = "Show table" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chart-heat tbody tr")).ToHaveCountAsync(7);
        await page.Locator("#chart-heat").ScrollIntoViewIfNeededAsync();
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
        await Assertions.Expect(fr.Locator("#chart-heat svg.mud-chart-heat text.mud-charts-yaxis").First).ToHaveTextAsync("lun.");
        Assert.True(await BusyHeatCellsAsync(fr) > 10);
        await Assertions.Expect(fr.Locator("#chart-heat svg.mud-chart-heat")).ToContainTextAsync("Moins");
        await Assertions.Expect(fr.Locator("#chart-days .mud-charts-xaxis text").First)
            .ToHaveTextAsync(today.AddDays(-89).ToString("d MMM", CultureInfo.GetCultureInfo("fr-CA")));
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
        await Assertions.Expect(page.Locator("#chart-latency svg.mud-chart-line path.mud-chart-line")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#chart-webhook-volume svg.mud-chart-line path.mud-chart-line")).ToHaveCountAsync(2);
        await FullScreenshotAsync(page, "admin");
    }
}
