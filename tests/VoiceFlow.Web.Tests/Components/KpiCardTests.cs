using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using VoiceFlow.Web.Components.Shared;
using VoiceFlow.Web.Features.Dashboard;

namespace VoiceFlow.Web.Tests.Components;

public sealed class DashboardComponentTests
{
    private static BunitContext NewContext() => PortalTestContext.Create();

    [Fact]
    public async Task KpiCard_RendersLabelAndValue()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<KpiCard>(p => p.Add(c => c.Label, "Calls today").Add(c => c.Value, 42).Add(c => c.Id, "kpi"));
        Assert.Contains("Calls today", cut.Find("#kpi").TextContent, StringComparison.Ordinal);
        Assert.Equal("42", cut.Find(".vf-kpi-value").TextContent.Trim());
    }

    [Fact]
    public async Task TodaySchedule_NoAppointments_ShowsEmptyStateWithNextStep()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<TodaySchedule>(p => p.Add(c => c.Schedule, [new StaffSchedule(Guid.NewGuid(), "Dr. Chen", [])]));
        Assert.Contains("Nothing booked today yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("/appointments", cut.Find("a").GetAttribute("href"));
    }

    [Fact]
    public async Task TodaySchedule_GroupsAppointmentsByStaffInOrder()
    {
        await using var ctx = NewContext();
        var day = new DateTime(2026, 12, 1);
        StaffSchedule[] schedule =
        [
            new(Guid.NewGuid(), "Dr. Chen", [
                new ScheduleItem(Guid.NewGuid(), day.AddHours(9), day.AddHours(10), "Marie Tremblay", "Cleaning", "#2e7d6f", "Booked"),
                new ScheduleItem(Guid.NewGuid(), day.AddHours(14), day.AddHours(14.5), "Jean Gagnon", "Checkup", "#3f6ad8", "NoShow"),
            ]),
            new(Guid.NewGuid(), "Julie", []),
        ];
        var cut = ctx.Render<TodaySchedule>(p => p.Add(c => c.Schedule, schedule));
        var lanes = cut.FindAll(".vf-lane");
        Assert.Equal(2, lanes.Count);
        Assert.Equal(["Marie Tremblay", "Jean Gagnon"], lanes[0].QuerySelectorAll(".vf-slot-title").Select(e => e.TextContent));
        Assert.Contains("vf-slot-noshow", lanes[0].QuerySelectorAll(".vf-slot")[1].ClassName, StringComparison.Ordinal);
        Assert.Contains("Free all day", lanes[1].TextContent, StringComparison.Ordinal);
        _ = ctx.Services.GetRequiredService<IStringLocalizerFactory>();
    }
}
