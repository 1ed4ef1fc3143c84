using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Components.Pages.Appointments;
using VoiceFlow.Web.Components.Shared;
using VoiceFlow.Web.Features.Appointments;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Businesses;
using VoiceFlow.Web.Features.Calls;
using VoiceFlow.Web.Features.Customers;

namespace VoiceFlow.Web.Tests.Components;

public sealed class AppointmentComponentTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    /// <summary>Components that must not reach the database in these tests get a factory that refuses.</summary>
    private sealed class NoDatabase : IDbContextFactory<VoiceFlowDbContext>
    {
        public VoiceFlowDbContext CreateDbContext() => throw new InvalidOperationException("No database in component tests.");
    }

    private static BunitContext NewContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en-CA");
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddLogging();
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<IDbContextFactory<VoiceFlowDbContext>, NoDatabase>();
        ctx.Services.AddScoped<CurrentBusiness>();
        ctx.Services.AddMemoryCache();
        ctx.Services.AddSingleton(new DatabaseOptionsHolder(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        ctx.Services.AddSingleton<BusinessProfileCache>();
        ctx.Services.AddScoped<BookingService>();
        ctx.Services.AddScoped<CustomersService>();
        ctx.Services.AddScoped<AppointmentsService>();
        return ctx;
    }

    [Fact]
    public async Task WeekView_PlacesAppointmentInItsDayColumn_AtItsTime()
    {
        await using var ctx = NewContext();
        var wednesdayTen = Monday.AddDays(2).ToDateTime(new TimeOnly(10, 0));
        var item = CalendarLayoutTests.Item(wednesdayTen, 90, "Marie Tremblay");
        var cut = ctx.Render<WeekView>(p => p.Add(c => c.WeekStart, Monday).Add(c => c.Items, [item]).Add(c => c.OpenHour, 9).Add(c => c.CloseHour, 17));

        Assert.Equal(7, cut.FindAll(".vf-cal-col").Count);
        var block = cut.Find($".vf-cal-event[data-id='{item.Id}']");
        Assert.Equal("2026-12-02", block.ParentElement!.GetAttribute("data-date"));
        var style = block.GetAttribute("style")!;
        Assert.Contains("top:64px", style, StringComparison.Ordinal);      // an hour after opening
        Assert.Contains("height:96px", style, StringComparison.Ordinal);   // an hour and a half
        Assert.Contains("Marie Tremblay", block.TextContent, StringComparison.Ordinal);
        Assert.Contains("Booked", block.TextContent, StringComparison.Ordinal); // status as text, not only colour
    }

    [Fact]
    public async Task WeekView_FreeCell_ReportsItsLocalStart_PastCellsAreNotOffered()
    {
        await using var ctx = NewContext();
        FreeCell? clicked = null;
        var now = Monday.AddDays(1).ToDateTime(new TimeOnly(12, 10));
        var cut = ctx.Render<WeekView>(p => p.Add(c => c.WeekStart, Monday).Add(c => c.Items, []).Add(c => c.OpenHour, 9).Add(c => c.CloseHour, 17)
            .Add(c => c.NowLocal, now).Add(c => c.OnFreeCell, (FreeCell cell) => clicked = cell));

        Assert.Empty(cut.FindAll(".vf-cal-col[data-date='2026-11-30'] button.vf-cal-cell"));      // Monday is over
        Assert.NotEmpty(cut.FindAll(".vf-cal-col[data-date='2026-12-01'] button.vf-cal-cell[data-start='2026-12-01T12:00']")); // the current half hour is still bookable
        await cut.Find("button.vf-cal-cell[data-start='2026-12-03T14:30']").ClickAsync(new());
        Assert.Equal(new FreeCell(new DateTime(2026, 12, 3, 14, 30, 0), null), clicked);
    }

    [Fact]
    public async Task DayView_HasALanePerStaffMember_WithTheirAppointments()
    {
        await using var ctx = NewContext();
        var chen = new NamedOption(Guid.NewGuid(), "Dr. Sarah Chen");
        var julie = new NamedOption(Guid.NewGuid(), "Julie Gagnon");
        var day = Monday.AddDays(3);
        var item = CalendarLayoutTests.Item(day.ToDateTime(new TimeOnly(11, 0)), 30, "Jean Gagnon", julie.Id);
        var cut = ctx.Render<DayView>(p => p.Add(c => c.Day, day).Add(c => c.Staff, [chen, julie]).Add(c => c.Items, [item]));

        var columns = cut.FindAll(".vf-cal-col");
        Assert.Equal(2, columns.Count);
        Assert.Empty(columns[0].QuerySelectorAll(".vf-cal-event"));
        Assert.Single(columns[1].QuerySelectorAll(".vf-cal-event"));
        Assert.Equal(["Dr. Sarah Chen", "Julie Gagnon"], cut.FindAll(".vf-cal-colhead-title").Select(e => e.TextContent));
    }

    [Fact]
    public async Task StatusChip_ShowsTheStatusAsText()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<StatusChip>(p => p.Add(c => c.Status, AppointmentStatus.NoShow));
        Assert.Contains("NoShow", cut.Markup, StringComparison.Ordinal);
    }

    private static CalendarSetup Setup() => new(
        new BusinessSummary(Guid.NewGuid(), "Maple Dental Clinic", "America/Toronto", "en-CA"),
        [new NamedOption(Guid.NewGuid(), "Dr. Sarah Chen")],
        [new ServiceOption(Guid.NewGuid(), "Checkup", "#3f6ad8", 30), new ServiceOption(Guid.NewGuid(), "Cleaning", "#2e7d6f", 60)],
        9, 17);

    private static async Task<IRenderedComponent<MudDialogProvider>> ShowBookingAsync(BunitContext ctx, DateTime? start)
    {
        var provider = ctx.Render<MudDialogProvider>();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<BookingDialog> { { d => d.Setup, Setup() }, { d => d.Actor, "user:test" }, { d => d.StartLocal, start } };
        await provider.InvokeAsync(() => dialogs.ShowAsync<BookingDialog>("New appointment", parameters));
        return provider;
    }

    [Fact]
    public async Task BookingDialog_SubmittedEmpty_ExplainsEachMissingFieldBesideIt_AndBooksNothing()
    {
        await using var ctx = NewContext();
        var provider = await ShowBookingAsync(ctx, null);
        await provider.Find("#booking-submit").ClickAsync(new());

        var markup = provider.Markup;
        Assert.Contains("Choose a service.", markup, StringComparison.Ordinal);
        Assert.Contains("Choose a date.", markup, StringComparison.Ordinal);
        Assert.Contains("Choose a time, or pick a free one above.", markup, StringComparison.Ordinal);
        Assert.Contains("Find the customer, or choose New customer.", markup, StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("#booking-problem")); // nothing reached the booking service
    }

    [Fact]
    public async Task BookingDialog_PrefilledFromACell_NewCustomerWithBadPhone_IsRefusedBesideThePhone()
    {
        await using var ctx = NewContext();
        var provider = await ShowBookingAsync(ctx, new DateTime(2026, 12, 3, 14, 30, 0));
        Assert.Contains("Choose a service to see the free times.", provider.Markup, StringComparison.Ordinal);

        await provider.Find("#customer-new").ClickAsync(new());
        await provider.Find("#booking-name").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Nadia Roy" });
        await provider.Find("#booking-phone").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "12" });
        await provider.Find("#booking-submit").ClickAsync(new());

        var markup = provider.Markup;
        Assert.Contains("Enter a phone number, e.g. +1 416 555 0123.", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose a date.", markup, StringComparison.Ordinal);   // prefilled from the clicked cell
        Assert.DoesNotContain("Enter the customer's name.", markup, StringComparison.Ordinal);
        Assert.Contains("Choose a service.", markup, StringComparison.Ordinal);
    }
}
