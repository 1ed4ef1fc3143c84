using System.Globalization;
using Bunit;
using MudBlazor;
using MudBlazor.Interop;
using VoiceFlow.Web.Components.Shared;
using VoiceFlow.Web.Features.Analytics;

namespace VoiceFlow.Web.Tests.Components;

/// <summary>The analytics cards draw real MudBlazor charts (SVG), keep their table view and CSV, and say what they show.</summary>
public sealed class ChartCardTests
{
    private static readonly ChartCard.Row[] Outcomes = [new("Booked", [12]), new("Information", [7]), new("Voicemail", [3])];

    /// <summary>The portal's bUnit set-up, with the browser's answers MudBlazor's charts wait for: their size and their axis labels' size.</summary>
    private static BunitContext NewContext()
    {
        var ctx = PortalTestContext.Create();
        ctx.JSInterop.Setup<ElementSize>("mudObserveElementSize", _ => true).SetResult(new ElementSize { Width = 700, Height = 260, Timestamp = 1 });
        ctx.JSInterop.Setup<ElementSize>("mudGetSvgBBox", _ => true).SetResult(new ElementSize { Width = 40, Height = 14, Timestamp = 1 });
        return ctx;
    }

    private static IRenderedComponent<ChartCard> RenderCard(BunitContext ctx, ChartType type, IReadOnlyList<ChartCard.Row> rows, params string[] series) =>
        ctx.Render<ChartCard>(p => p.Add(c => c.Title, "Outcomes").Add(c => c.SeriesNames, series.Length == 0 ? ["Calls"] : series).Add(c => c.Rows, rows)
            .Add(c => c.LabelHeader, "Outcome").Add(c => c.Type, type).Add(c => c.FileName, "outcomes.csv").Add(c => c.Id, "chart"));

    private static List<ChartCard.Row> Days(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ChartCard.Row($"{i + 1} Mar", [10 + (i % 5), i % 3]))];

    [Fact]
    public async Task Bar_TwoSeries_DrawsAMudChartBarForEveryValue()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Bar, Outcomes.Select(r => new ChartCard.Row(r.Label, [r.Values[0], 1])).ToList(), "Calls", "Booked by phone");

        Assert.Single(cut.FindAll("#chart svg.mud-chart-bar"));
        Assert.Equal(6, cut.FindAll("#chart svg path.mud-chart-bar").Count);
        Assert.Equal(["Booked", "Information", "Voicemail"], cut.FindAll("#chart .mud-charts-xaxis text").Select(t => t.TextContent));
        Assert.Equal(["Calls", "Booked by phone"], cut.FindAll("#chart .mud-chart-legend-item").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public async Task Line_NinetyDays_DrawsOnePathPerSeriesThroughEveryDay()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Line, Days(90), "Calls", "Booked by phone");

        var lines = cut.FindAll("#chart svg.mud-chart-line path.mud-chart-line");
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.Equal(90, line.GetAttribute("d")!.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Equal(90, cut.FindAll("#chart .mud-charts-xaxis text").Count);
        // Ninety labels do not fit: every tenth shows, the rest stay for the tooltips.
        Assert.Contains("vf-xstep-10", cut.Find("#chart .vf-chart").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Donut_DrawsASegmentPerRowWithTheRowsAsLegend()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Donut, Outcomes);

        Assert.Equal(3, cut.FindAll("#chart svg.mud-chart-donut path.mud-chart-serie").Count);
        Assert.Equal(["Booked", "Information", "Voicemail"], cut.FindAll("#chart .mud-chart-legend-item").Select(l => l.TextContent.Trim()));
        Assert.Equal(ChartStyle.Palette[..3], cut.FindAll("#chart path.mud-chart-serie").Select(p => p.GetAttribute("fill")));
    }

    [Fact]
    public async Task Chart_IsNamedBySummaryOfItsFigures()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Donut, Outcomes);

        var figure = cut.Find("#chart .vf-chart[role=img]");
        Assert.Equal("Outcomes: Booked 12; Information 7; Voicemail 3.", figure.GetAttribute("aria-label"));
        Assert.Contains("svg", figure.InnerHtml, StringComparison.Ordinal);

        var days = RenderCard(ctx, ChartType.Line, Days(30), "Calls", "Booked by phone");
        Assert.Equal("Outcomes, 1 Mar – 30 Mar. Calls: highest 14 (5 Mar); Booked by phone: highest 2 (3 Mar).",
            days.Find("#chart .vf-chart[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task ShowTable_ListsTheSameFiguresAndShowChartComesBack()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Bar, Outcomes);

        await cut.FindAll("#chart button").Single(b => b.TextContent.Contains("Show table", StringComparison.Ordinal)).ClickAsync(new());

        Assert.Empty(cut.FindAll("#chart svg.mud-chart-bar"));
        Assert.Equal(["Outcome", "Calls"], cut.FindAll("#chart thead th").Select(th => th.TextContent));
        Assert.Equal(["Booked12", "Information7", "Voicemail3"], cut.FindAll("#chart tbody tr").Select(tr => tr.TextContent));
        var back = cut.FindAll("#chart button").Single(b => b.TextContent.Contains("Show chart", StringComparison.Ordinal));
        Assert.Equal("true", back.GetAttribute("aria-pressed"));
        await back.ClickAsync(new());
        Assert.Single(cut.FindAll("#chart svg.mud-chart-bar"));
    }

    [Fact]
    public async Task Csv_DownloadsAHeaderAndALinePerRow_QuotingCommas()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Bar, [.. Outcomes, new("Smith, Jones & Co", [1])]);

        await cut.FindAll("#chart button").Single(b => b.TextContent.Contains("CSV", StringComparison.Ordinal)).ClickAsync(new());

        var download = Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "voiceflow.download");
        Assert.Equal("outcomes.csv", download.Arguments[0]);
        Assert.Equal("Outcome,Calls\nBooked,12\nInformation,7\nVoicemail,3\n\"Smith, Jones & Co\",1\n", download.Arguments[2]);
    }

    [Fact]
    public async Task AxisLabels_WithMarkup_AreDrawnAsTextNotInjected()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Bar, [new("<img src=x onerror=alert(1)>", [4]), new("Cleaning & polish", [2])]);

        Assert.Empty(cut.FindAll("#chart img"));
        Assert.Equal(["‹img src=x onerror=alert(1)›", "Cleaning ＆ polish"], cut.FindAll("#chart .mud-charts-xaxis text").Select(t => t.TextContent));
    }

    [Fact]
    public async Task NoData_SaysSoAndDrawsNoChart()
    {
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Bar, [new("Booked", [0])]);

        Assert.Contains("No data for this period.", cut.Find("#chart").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#chart svg.mud-chart-bar"));
    }

    [Fact]
    public async Task French_AxisSummaryAndButtonsInTheUsersLanguageAndNumbers()
    {
        using var _ = new CultureScope("fr-CA");
        await using var ctx = NewContext();
        var cut = RenderCard(ctx, ChartType.Bar, [new("Réservé", [1500]), new("Information", [700])]);

        var fr = CultureInfo.GetCultureInfo("fr-CA");
        Assert.Contains(1500.ToString("N0", fr), cut.FindAll("#chart .mud-charts-yaxis text").Select(t => t.TextContent));
        Assert.Contains(cut.FindAll("#chart button"), b => b.TextContent.Contains("Afficher le tableau", StringComparison.Ordinal));
        Assert.Equal($"Outcomes: Réservé {1500.ToString("N0", fr)}; Information 700.", cut.Find("#chart .vf-chart[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task LineChartCard_LatencyOverAnHour_DrawsALinePerPercentile()
    {
        await using var ctx = NewContext();
        var minutes = Enumerable.Range(0, 60).Select(m => $"10:{m:D2}").ToList();
        LineChartCard.Line[] series = [new("p50", [.. minutes.Select((_, i) => 10.0 + (i % 7))]), new("p95", [.. minutes.Select(_ => 40.5)]), new("p99", [.. minutes.Select(_ => 80.25)])];
        var cut = ctx.Render<LineChartCard>(p => p.Add(c => c.Title, "Webhook latency (ms)").Add(c => c.Labels, minutes).Add(c => c.Series, series)
            .Add(c => c.LabelHeader, "Minute (UTC)").Add(c => c.Format, "N1").Add(c => c.FileName, "webhook-latency.csv").Add(c => c.Id, "chart-latency"));

        var lines = cut.FindAll("#chart-latency path.mud-chart-line");
        Assert.Equal(3, lines.Count);
        Assert.All(lines, line => Assert.Equal(60, line.GetAttribute("d")!.Split(['M', 'L'], StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Equal(["p50", "p95", "p99"], cut.FindAll("#chart-latency .mud-chart-legend-item").Select(l => l.TextContent.Trim()));
        Assert.Contains("vf-xstep-5", cut.Find("#chart-latency .vf-chart").ClassName, StringComparison.Ordinal);

        await cut.FindAll("#chart-latency button").Single(b => b.TextContent.Contains("CSV", StringComparison.Ordinal)).ClickAsync(new());
        var csv = ((string)Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "voiceflow.download").Arguments[2]!).Split('\n');
        Assert.Equal("Minute (UTC),p50,p95,p99", csv[0]);
        Assert.Equal("10:00,10,40.5,80.25", csv[1]);
        Assert.Equal(61, csv.Count(l => l.Length > 0));
    }

    [Fact]
    public async Task HeatMapCard_DrawsACellPerWeekdayAndHour_WithTableAndCsv()
    {
        await using var ctx = NewContext();
        var week = Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7))
            .Select(d => new HeatRow(d, [.. Enumerable.Range(0, 24).Select(h => h is >= 9 and <= 16 ? (int)d + h - 8 : 0)])).ToList();
        var cut = ctx.Render<HeatMapCard>(p => p.Add(c => c.Title, "Peak hours").Add(c => c.Rows, week).Add(c => c.Id, "chart-heat"));

        // 8:00 to 18:00 at least: eleven hours for each of seven days.
        Assert.Equal(77, cut.FindAll("#chart-heat svg.mud-chart-heat g.mud-chart-cell").Count);
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], cut.FindAll("#chart-heat text.mud-charts-yaxis").Select(t => t.TextContent));
        Assert.Equal("8:00", cut.FindAll("#chart-heat text.mud-charts-xaxis")[0].TextContent);
        Assert.Equal("Peak hours. Busiest: Sat 16:00 (14).", cut.Find("#chart-heat .vf-chart[role=img]").GetAttribute("aria-label"));
        Assert.Equal(5, cut.FindAll("#chart-heat .mud-chart-heatmap-legend").Count);

        await cut.FindAll("#chart-heat button").Single(b => b.TextContent.Contains("Show table", StringComparison.Ordinal)).ClickAsync(new());
        Assert.Equal(7, cut.FindAll("#chart-heat tbody tr").Count);
        Assert.Equal(12, cut.FindAll("#chart-heat thead th").Count);

        await cut.FindAll("#chart-heat button").Single(b => b.TextContent.Contains("CSV", StringComparison.Ordinal)).ClickAsync(new());
        var csv = ((string)Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "voiceflow.download").Arguments[2]!).Split('\n');
        Assert.Equal("Day," + string.Join(",", Enumerable.Range(0, 24)), csv[0]);
        Assert.StartsWith("Monday,0,0,0,0,0,0,0,0,0,2,3,", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeatMapCard_InFrench_LegendAndDaysInFrench()
    {
        using var _ = new CultureScope("fr-CA");
        await using var ctx = NewContext();
        var week = Enumerable.Range(1, 7).Select(i => new HeatRow((DayOfWeek)(i % 7), [.. Enumerable.Range(0, 24).Select(h => h == 10 ? i : 0)])).ToList();
        var cut = ctx.Render<HeatMapCard>(p => p.Add(c => c.Title, "Heures de pointe").Add(c => c.Rows, week).Add(c => c.Id, "chart-heat"));

        var legend = cut.FindAll("#chart-heat svg text.mud-charts-xaxis").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("Moins", legend);
        Assert.Contains("Plus", legend);
        Assert.Contains("8 h", legend);
        Assert.Equal("lun.", cut.FindAll("#chart-heat text.mud-charts-yaxis")[0].TextContent);
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(2.4, 5)]
    [InlineData(18, 20)]
    [InlineData(240, 500)]
    [InlineData(1000, 1000)]
    public void RoundStep_IsOneTwoOrFiveTimesAPowerOfTen(double rough, int step) => Assert.Equal(step, ChartStyle.RoundStep(rough));

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
    }
}
