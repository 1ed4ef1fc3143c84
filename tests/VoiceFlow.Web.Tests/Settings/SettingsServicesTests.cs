using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Calls;
using VoiceFlow.Web.Features.Settings;

namespace VoiceFlow.Web.Tests.Settings;

/// <summary>Settings and calls services against the real app and PostgreSQL, in the demo business's tenant scope.</summary>
public sealed class SettingsServicesTests(TestServers servers)
{
    private const string Actor = "test-owner";

    private static async Task<Guid> BusinessIdAsync(VoiceFlowAppFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        return await db.Businesses.IgnoreQueryFilters().Select(b => b.Id).SingleAsync();
    }

    private static async Task<AsyncServiceScope> TenantScopeAsync(VoiceFlowAppFactory factory)
    {
        var businessId = await BusinessIdAsync(factory);
        var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        return scope;
    }

    [Fact]
    public async Task SaveHours_TheReceptionistsCachedViewOfTheBusinessIsDropped_NextCallHearsTheNewHours()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var businessId = await BusinessIdAsync(factory);
        var profiles = factory.Services.GetRequiredService<BusinessProfileCache>();
        var before = await profiles.GetAsync(businessId, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(before!.Hours, h => h.Day == NodaTime.IsoDayOfWeek.Monday && h.Opens == new NodaTime.LocalTime(6, 30));

        await using (var scope = await TenantScopeAsync(factory))
        {
            var hours = scope.ServiceProvider.GetRequiredService<HoursSettingsService>();
            var form = await hours.LoadAsync(TestContext.Current.CancellationToken);
            form.Days.Single(d => d.Day == DayOfWeek.Monday).Intervals = [new IntervalForm { Opens = new(6, 30), Closes = new(11, 0) }];
            Assert.True((await hours.SaveAsync(form, Actor, TestContext.Current.CancellationToken)).Succeeded);
        }

        // Well within the cache's 30 s: the saved hours are what the next call is told.
        var after = await profiles.GetAsync(businessId, TestContext.Current.CancellationToken);
        Assert.Equal([(new NodaTime.LocalTime(6, 30), new NodaTime.LocalTime(11, 0))],
            after!.Hours.Where(h => h.Day == NodaTime.IsoDayOfWeek.Monday).Select(h => (h.Opens, h.Closes)));
    }

    [Fact]
    public async Task SaveHours_MondayWithLunchBreak_PersistsReportsChangeAndAudits()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using (var scope = await TenantScopeAsync(factory))
        {
            var hours = scope.ServiceProvider.GetRequiredService<HoursSettingsService>();
            var form = await hours.LoadAsync(TestContext.Current.CancellationToken);
            var monday = form.Days.Single(d => d.Day == DayOfWeek.Monday);
            monday.Intervals = [new IntervalForm { Opens = new(8, 0), Closes = new(12, 0) }, new IntervalForm { Opens = new(13, 0), Closes = new(17, 30) }];

            var result = await hours.SaveAsync(form, Actor, TestContext.Current.CancellationToken);

            Assert.True(result.Succeeded, result.ErrorMessage);
            Assert.Equal([new SettingsChange("opening hours on {0}", "Monday")], result.Changes);
        }
        await using (var scope = await TenantScopeAsync(factory))
        {
            var reloaded = await scope.ServiceProvider.GetRequiredService<HoursSettingsService>().LoadAsync(TestContext.Current.CancellationToken);
            var monday = reloaded.Days.Single(d => d.Day == DayOfWeek.Monday);
            Assert.Equal([(new TimeOnly(8, 0), new TimeOnly(12, 0)), (new TimeOnly(13, 0), new TimeOnly(17, 30))],
                monday.Intervals.Select(i => (i.Opens!.Value, i.Closes!.Value)));
            var db = scope.ServiceProvider.GetRequiredService<VoiceFlowDbContext>();
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "settings.hours.updated", TestContext.Current.CancellationToken);
            Assert.Equal("user:" + Actor, audit.Actor);
            Assert.Contains("Monday 08:00-12:00", audit.After, StringComparison.Ordinal);
            Assert.NotNull(audit.Before);
        }
    }

    [Fact]
    public async Task SaveHours_ClosingBeforeOpening_RejectedBesideTheDayAndNothingSaved()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using var scope = await TenantScopeAsync(factory);
        var hours = scope.ServiceProvider.GetRequiredService<HoursSettingsService>();
        var form = await hours.LoadAsync(TestContext.Current.CancellationToken);
        var before = form.Days.Single(d => d.Day == DayOfWeek.Tuesday).Intervals.Select(i => (i.Opens, i.Closes)).ToList();
        form.Days.Single(d => d.Day == DayOfWeek.Tuesday).Intervals = [new IntervalForm { Opens = new(17, 0), Closes = new(9, 0) }];

        var result = await hours.SaveAsync(form, Actor, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("hours:Tuesday", result.Field);
        Assert.Equal("hours.end_before_start", result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.ErrorMessage));
        var reloaded = await hours.LoadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before, reloaded.Days.Single(d => d.Day == DayOfWeek.Tuesday).Intervals.Select(i => (i.Opens, i.Closes)));
    }

    [Fact]
    public async Task SaveProfile_InvalidTransferNumber_RejectedOnTheField_ValidOneSavedAndAudited()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using var scope = await TenantScopeAsync(factory);
        var settings = scope.ServiceProvider.GetRequiredService<BusinessSettingsService>();
        var form = (await settings.LoadAsync(TestContext.Current.CancellationToken))!;

        form.TransferNumber = "call me maybe";
        var invalid = await settings.SaveProfileAsync(form, Actor, TestContext.Current.CancellationToken);
        Assert.Equal(("transferNumber", "phone.invalid"), (invalid.Field, invalid.ErrorCode));

        form.TransferNumber = "416 555 0177";
        form.Name = "  ";
        var noName = await settings.SaveProfileAsync(form, Actor, TestContext.Current.CancellationToken);
        Assert.Equal(("name", "business.name_required"), (noName.Field, noName.ErrorCode));

        form.Name = "Maple Dental";
        var saved = await settings.SaveProfileAsync(form, Actor, TestContext.Current.CancellationToken);
        Assert.True(saved.Succeeded, saved.ErrorMessage);
        Assert.Equal(["setting: business name", "setting: transfer number"], saved.Changes.Select(c => c.Label));
        var reloaded = (await settings.LoadAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("+14165550177", reloaded.TransferNumber);
        var db = scope.ServiceProvider.GetRequiredService<VoiceFlowDbContext>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "settings.business.updated", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InviteStaff_CreatesStaffUserWhoCanSignIn_DeactivateBlocksSignIn_AllAudited()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        InviteResult invite;
        await using (var scope = await TenantScopeAsync(factory))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserSettingsService>();
            invite = await users.InviteAsync(new InviteForm { Email = "nadia@maple.example", DisplayName = "Nadia Front Desk", Role = "Staff" }, Actor,
                TestContext.Current.CancellationToken);
            Assert.True(invite.Result.Succeeded, invite.Result.ErrorMessage);
            Assert.NotNull(invite.TemporaryPassword);
            var listed = Assert.Single(await users.ListAsync(TestContext.Current.CancellationToken), u => u.Email == "nadia@maple.example");
            Assert.Equal(("Staff", true), (listed.Role, listed.IsActive));

            var again = await users.InviteAsync(new InviteForm { Email = "nadia@maple.example", DisplayName = "Nadia", Role = "Staff" }, Actor,
                TestContext.Current.CancellationToken);
            Assert.Equal(("email", "user.email_taken"), (again.Result.Field, again.Result.ErrorCode));
        }

        var client = PortalClient.Anonymous(factory);
        var signIn = await PortalClient.SignInAsync(client, "nadia@maple.example", invite.TemporaryPassword!);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // A staff user is refused the settings page.
        var settingsPage = await client.GetAsync("/settings", TestContext.Current.CancellationToken);
        Assert.Contains("/Account/AccessDenied", settingsPage.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);

        await using (var scope = await TenantScopeAsync(factory))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserSettingsService>();
            var deactivated = await users.SetActiveAsync(invite.UserId!, false, Actor, TestContext.Current.CancellationToken);
            Assert.True(deactivated.Succeeded, deactivated.ErrorMessage);
            var self = await users.SetActiveAsync(Actor, false, Actor, TestContext.Current.CancellationToken);
            Assert.Equal("user.deactivate_self", self.ErrorCode);

            var db = scope.ServiceProvider.GetRequiredService<VoiceFlowDbContext>();
            var actions = await db.AuditEntries.Where(a => a.EntityType == "User").Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["user.deactivated", "user.invited"], actions.Order());
        }

        var blocked = await PortalClient.SignInAsync(PortalClient.Anonymous(factory), "nadia@maple.example", invite.TemporaryPassword!);
        Assert.NotEqual(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Contains("deactivated", await blocked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallQueries_SeededCall_ListedAndFilteredAndItsTranscriptInOrder()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using var scope = await TenantScopeAsync(factory);
        var calls = scope.ServiceProvider.GetRequiredService<CallQueries>();

        var page = await calls.ListAsync(new CallFilter(), 0, 25, cancellationToken: TestContext.Current.CancellationToken);
        var call = Assert.Single(page.Items);
        Assert.Equal(1, page.TotalCount);
        Assert.NotNull(call.CustomerName);
        Assert.Equal(CallOutcome.Information, call.Outcome);

        Assert.Empty((await calls.ListAsync(new CallFilter(Outcome: CallOutcome.Booked), 0, 25, cancellationToken: TestContext.Current.CancellationToken)).Items);
        Assert.Empty((await calls.ListAsync(new CallFilter(LiveOnly: true), 0, 25, cancellationToken: TestContext.Current.CancellationToken)).Items);
        Assert.Single((await calls.ListAsync(new CallFilter(Customer: call.CustomerName![..4]), 0, 25, cancellationToken: TestContext.Current.CancellationToken)).Items);
        Assert.Empty((await calls.ListAsync(new CallFilter(Language: "fr-CA"), 0, 25, cancellationToken: TestContext.Current.CancellationToken)).Items);

        var detail = await calls.GetAsync(call.Id, TestContext.Current.CancellationToken);
        Assert.NotNull(detail);
        Assert.NotEmpty(detail.Transcript);
        Assert.Equal(detail.Transcript.OrderBy(t => t.Sequence), detail.Transcript);
        Assert.Contains(detail.Transcript, t => t.Speaker == Speaker.Caller && t.Text.Contains("friday", StringComparison.OrdinalIgnoreCase));
        Assert.Null(await calls.GetAsync(Guid.NewGuid(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CallQueries_LiveOnly_ListsCallsWithoutAnEndThatStartedWithinTheLiveWindow()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using var scope = await TenantScopeAsync(factory);
        var ct = TestContext.Current.CancellationToken;
        var businessId = await BusinessIdAsync(factory);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var db = scope.ServiceProvider.GetRequiredService<VoiceFlowDbContext>();
        var live = new Call(businessId, "CA-live-now", "+14165550111", "+15555550100", "en-CA", now.AddMinutes(-3));
        // Its status callback never came: after the live window it no longer counts as live.
        var stale = new Call(businessId, "CA-live-stale", "+14165550112", "+15555550100", "en-CA", now - Call.LiveWindow - TimeSpan.FromMinutes(1));
        var ended = new Call(businessId, "CA-live-ended", "+14165550113", "+15555550100", "en-CA", now.AddMinutes(-5));
        ended.End(now.AddMinutes(-1), 240, "completed");
        db.Calls.AddRange(live, stale, ended);
        await db.SaveChangesAsync(ct);

        var page = await scope.ServiceProvider.GetRequiredService<CallQueries>().ListAsync(new CallFilter(LiveOnly: true), 0, 25, cancellationToken: ct);

        Assert.Equal(1, page.TotalCount);
        Assert.Equal(live.Id, Assert.Single(page.Items).Id);
    }
}
