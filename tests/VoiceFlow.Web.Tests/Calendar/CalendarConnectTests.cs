using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.CalendarSync;
using VoiceFlow.Web.Features.Dashboard;

namespace VoiceFlow.Web.Tests.Calendar;

/// <summary>Connecting, invalid_grant, disconnecting and reconnecting, against the fake Google.</summary>
public sealed class CalendarConnectTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_ConsentWithOfflineAccess_StoresEncryptedRefreshToken_ListsCalendars()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        kit.Google.AddCalendar("hygiene@group.calendar.google.com", "Hygiene");
        kit.Google.AddCalendar("holidays@group.v.calendar.google.com", "Holidays", role: "reader");

        Assert.Equal("/settings?tab=calendar&calendar=connected", await kit.ConnectThroughBrowserAsync());

        var query = kit.Google.LastAuthorizationQuery!;
        Assert.Contains("access_type=offline", query, StringComparison.Ordinal);
        Assert.Contains("prompt=consent", query, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("https://www.googleapis.com/auth/calendar"), query, StringComparison.Ordinal);
        var connection = await kit.ConnectionAsync();
        Assert.Equal((CalendarConnectionStatus.Connected, kit.Google.AccountEmail), (connection.Status, connection.AccountEmail));
        Assert.DoesNotContain("1//", connection.ProtectedRefreshToken, StringComparison.Ordinal);
        Assert.True(connection.ProtectedRefreshToken.Length > 40);

        await using var scope = kit.TenantScope();
        var service = scope.ServiceProvider.GetRequiredService<CalendarConnectionService>();
        var calendars = await service.ListWritableCalendarsAsync(connection.Id, Ct);
        Assert.Equal([kit.Google.AccountEmail, "hygiene@group.calendar.google.com"], calendars.Select(c => c.Id));
        var state = await service.GetStateAsync(Ct);
        Assert.True(state.GoogleConfigured);
        Assert.Equal(CalendarConnectionStatus.Connected, state.Status);
    }

    [Fact]
    public async Task Callback_ForgedState_Refused_NothingStored()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        using var portal = await PortalClient.SignedInAsync(kit.Factory);
        using var response = await portal.GetAsync("/calendar/google/callback?code=4/abc&state=forged", Ct);
        Assert.Equal("/settings?tab=calendar&calendar=invalid", response.Headers.Location!.ToString());
        using var denied = await portal.GetAsync("/calendar/google/callback?error=access_denied&state=x", Ct);
        Assert.Equal("/settings?tab=calendar&calendar=denied", denied.Headers.Location!.ToString());
        await using var db = kit.Db();
        Assert.False(await db.CalendarConnections.IgnoreQueryFilters().AnyAsync(Ct));
        using var anonymous = PortalClient.Anonymous(kit.Factory);
        using var notSignedIn = await anonymous.GetAsync("/calendar/google/connect", Ct);
        Assert.Equal(HttpStatusCode.Redirect, notSignedIn.StatusCode);
        Assert.Contains("/Account/Login", notSignedIn.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidGrant_NeedsReconnection_OnDashboard_BookingWorks_ChangesWaitThenFlowAfterReconnect()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        await kit.ConnectAndMapAsync();
        kit.Google.RevokeAllGrants();

        var id = await kit.BookAsync(10, 27, 10);
        await kit.PushAsync();

        var connection = await kit.ConnectionAsync();
        Assert.Equal(CalendarConnectionStatus.NeedsReconnection, connection.Status);
        Assert.Contains("Connect Google Calendar again", connection.LastError, StringComparison.Ordinal);
        var row = Assert.Single(await kit.OutboxAsync(id, OutboxKind.CalendarPush));
        Assert.Equal((OutboxStatus.Pending, 0), (row.Status, row.Attempts));
        await using (var scope = kit.TenantScope())
        {
            var dashboard = await scope.ServiceProvider.GetRequiredService<DashboardService>().LoadAsync(Ct);
            Assert.Contains(dashboard!.NeedsAttention, a => a.Kind == "calendar" && a.Href == "/settings?tab=calendar");
        }
        // Changes made while disconnected from Google are kept, not lost.
        await kit.RescheduleAsync(id, CalendarTestKit.Utc(10, 28, 15));
        Assert.DoesNotContain(kit.Google.Events(kit.Primary), e => e.AppointmentId == id.ToString());

        Assert.Equal("/settings?tab=calendar&calendar=connected", await kit.ConnectThroughBrowserAsync());
        await kit.PushAsync();
        var ev = kit.EventOf(id);
        Assert.Equal(CalendarTestKit.Utc(10, 28, 15), ev.Start!.Value.UtcDateTime);
        Assert.Equal(1, kit.Google.InsertsOf(ev.Id));
        Assert.Empty(await kit.PendingPushesAsync());
    }

    [Fact]
    public async Task DisconnectAndReconnect_TokenRevokedAndDeleted_NoDuplicateEvents()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        await kit.ConnectAndMapAsync();
        var first = await kit.BookAsync(10, 27, 10);
        var second = await kit.BookAsync(10, 28, 15, phone: "+14165550124");
        await kit.PushAsync();
        kit.EventOf(first);
        kit.EventOf(second);
        var before = kit.Google.Events(kit.Primary).Count;

        var connection = await kit.ConnectionAsync();
        await using (var scope = kit.TenantScope())
        {
            await scope.ServiceProvider.GetRequiredService<CalendarConnectionService>().DisconnectAsync(connection.Id, "test", Ct);
        }
        connection = await kit.ConnectionAsync();
        Assert.Equal((CalendarConnectionStatus.Disconnected, ""), (connection.Status, connection.ProtectedRefreshToken));
        Assert.Equal(1, kit.Google.RevokedCount);

        // While disconnected, a booking leaves no calendar work behind.
        var third = await kit.BookAsync(10, 29, 11, phone: "+14165550125");
        Assert.Empty(await kit.OutboxAsync(third, OutboxKind.CalendarPush));
        // The links are lost too (say, restored from an old backup): the derived event ids still find the events.
        await using (var db = kit.Db())
        {
            await db.CalendarEventLinks.IgnoreQueryFilters().Where(l => l.AppointmentId == first).ExecuteDeleteAsync(Ct);
        }

        Assert.Equal("/settings?tab=calendar&calendar=connected", await kit.ConnectThroughBrowserAsync());
        await kit.PushAsync();

        Assert.Equal(before + 1, kit.Google.Events(kit.Primary).Count);
        foreach (var id in new[] { first, second, third })
        {
            Assert.Equal(1, kit.Google.InsertsOf(kit.EventOf(id).Id));
        }
        kit.AssertNoDuplicates();
        Assert.Empty(await kit.PendingPushesAsync());
    }

    [Fact]
    public async Task GoogleNotConfigured_TabExplains_ConnectRedirectsBack_JobsIdle()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var portal = await PortalClient.SignedInAsync(factory);
        using var response = await portal.GetAsync("/calendar/google/connect", Ct);
        Assert.Equal("/settings?tab=calendar&calendar=not-configured", response.Headers.Location!.ToString());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(scope.ServiceProvider.GetRequiredService<CalendarConnectionService>().IsConfigured);
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CalendarPushJob>().RunAsync(Ct));
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<CalendarSyncJob>().RunAsync(Ct));
    }

    [Fact]
    public async Task JobsDashboard_PlatformAdminOnly()
    {
        await using var kit = await CalendarTestKit.CreateAsync(servers);
        // The demo owner is also the demo's platform admin; a staff member is not.
        using (var staff = await PortalClient.SignedInAsync(kit.Factory, VoiceFlowAppFactory.StaffEmail))
        {
            using var refused = await staff.GetAsync("/admin/jobs", Ct);
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, refused.StatusCode.ToString());
            Assert.DoesNotContain("VoiceFlow jobs", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await using (var scope = kit.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync(VoiceFlowAppFactory.StaffEmail);
            await users.AddToRoleAsync(user!, Roles.PlatformAdmin);
        }
        using var admin = await PortalClient.SignedInAsync(kit.Factory, VoiceFlowAppFactory.StaffEmail);
        using var page = await admin.GetAsync("/admin/jobs", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("VoiceFlow jobs", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
