using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Web.Components.Pages.Calls;
using VoiceFlow.Web.Components.Pages.Settings;
using VoiceFlow.Web.Features.Calls;
using VoiceFlow.Web.Features.Settings;

namespace VoiceFlow.Web.Tests.Components;

public sealed class TranscriptViewTests
{
    private static BunitContext NewContext() => PortalTestContext.Create();

    [Fact]
    public async Task TranscriptView_AgentLeftCallerRight_InOrderWithOffsetsAndLatency()
    {
        await using var ctx = NewContext();
        TranscriptLine[] lines =
        [
            new(1, Speaker.Agent, "Maple Dental, how can I help?", TimeSpan.Zero, null, 180),
            new(2, Speaker.Caller, "what time do you close on friday", TimeSpan.FromSeconds(65), 0.91, null),
        ];
        var cut = ctx.Render<TranscriptView>(p => p.Add(c => c.Lines, lines));

        var turns = cut.FindAll("li.vf-turn");
        Assert.Equal(2, turns.Count);
        Assert.Contains("vf-turn-agent", turns[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("vf-turn-caller", turns[1].ClassName, StringComparison.Ordinal);
        Assert.Equal("Receptionist", turns[0].QuerySelector(".vf-turn-who")!.TextContent);
        Assert.Equal("1:05", turns[1].QuerySelector(".vf-turn-at")!.TextContent);
        Assert.Contains("180 ms", turns[0].QuerySelector(".vf-latency")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("91", turns[1].QuerySelector(".vf-confidence")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".vf-low-confidence"));
    }

    [Fact]
    public async Task TranscriptView_LowConfidenceCallerTurn_MarkedWithIconAndText()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<TranscriptView>(p => p.Add(c => c.Lines, [new TranscriptLine(1, Speaker.Caller, "tuesday at for", TimeSpan.FromSeconds(4), 0.32, null)]));

        var turn = cut.Find("li.vf-turn");
        Assert.Contains("vf-turn-low", turn.ClassName, StringComparison.Ordinal);
        var mark = turn.QuerySelector(".vf-low-confidence")!;
        Assert.Contains("Low confidence", mark.TextContent, StringComparison.Ordinal);
        Assert.NotNull(mark.QuerySelector("svg"));
    }

    [Fact]
    public async Task TranscriptView_NoTurns_SaysSo()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<TranscriptView>(p => p.Add(c => c.Lines, []));
        Assert.Contains("No words were exchanged", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeeklyHoursEditor_ErrorForOneDay_ShownBesideThatDayOnly_AndAddMakesABreak()
    {
        await using var ctx = NewContext();
        var days = DayHoursForm.FromHours([new VoiceFlow.Domain.Scheduling.WeeklyHours(DayOfWeek.Monday, new(9, 0), new(12, 0))]);
        var cut = ctx.Render<WeeklyHoursEditor>(p => p.Add(c => c.Days, days).Add(c => c.ErrorField, "hours:Monday").Add(c => c.ErrorText, "Closing time must be after opening time."));

        var monday = cut.Find("[data-day=Monday]");
        Assert.Contains("Closing time must be after opening time.", monday.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Closing time", cut.Find("[data-day=Tuesday]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Closed", cut.Find("[data-day=Sunday]").TextContent, StringComparison.Ordinal);
        Assert.All(cut.FindAll("input[type=time]"), input => Assert.False(string.IsNullOrEmpty(input.GetAttribute("aria-label"))));

        await monday.QuerySelector("button[aria-label='Add hours on Monday']")!.ClickAsync(new());
        var intervals = days.Single(d => d.Day == DayOfWeek.Monday).Intervals;
        Assert.Equal(2, intervals.Count);
        Assert.True(intervals[1].Opens > intervals[0].Closes, "the new interval starts after a break");
        _ = DayHoursForm.ToHours(days);
    }

    [Fact]
    public void SettingsText_DomainCodes_BecomeFixedSentencesAndDaysAreNamed()
    {
        using var ctx = NewContext();
        var l = ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<VoiceFlow.Web.Resources.SharedResource>>();
        var error = SettingsText.Error(l, SettingsResult.Invalid("hours:Monday", "hours.end_before_start", "On Monday, closing (09:00) must be after opening (17:00)."));
        Assert.Equal("Closing time must be after opening time.", error);
        Assert.Equal("Saved: opening hours on Monday, transfer number",
            SettingsText.Saved(l, [new SettingsChange("opening hours on {0}", "Monday"), new SettingsChange("setting: transfer number")]));
    }

    [Fact]
    public void Texts_whose_keys_differ_only_in_case_keep_both_translations()
    {
        using var ctx = NewContext();
        var l = ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<VoiceFlow.Web.Resources.SharedResource>>();
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-CA");
            Assert.Equal(("Transfer number", "transfer number", "To", "to"), (l["Transfer number"].Value, l["setting: transfer number"].Value, l["To"].Value, l["range: to"].Value));
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr-CA");
            Assert.Equal(("Numéro de transfert", "numéro de transfert", "Au", "à"), (l["Transfer number"].Value, l["setting: transfer number"].Value, l["To"].Value, l["range: to"].Value));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }
}
