using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Audit;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Customers;
using VoiceFlow.Web.Features.Privacy;
using VoiceFlow.Web.Features.Settings;
using VoiceFlow.Web.Tests.Privacy;

namespace VoiceFlow.Web.Tests.Audit;

/// <summary>Every mutating staff action leaves one audit entry (actor, action, record, before/after), and the viewer finds it.</summary>
public sealed class StaffActionAuditTests(TestServers servers)
{
    private const string Actor = "audit-tester";

    [Fact]
    public async Task EveryStaffMutation_WritesAnAuditEntry_WithActorAndSnapshots_AndTheViewerFiltersAndPages()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers,
            extra: new Dictionary<string, string?> { ["Messaging:BackgroundDelivery"] = "false", ["Messaging:RecurringJobs"] = "false" });
        var ct = TestContext.Current.CancellationToken;
        var holder = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        Guid businessId;
        Guid serviceId;
        await using (var db = holder.Create(null))
        {
            businessId = await db.Businesses.IgnoreQueryFilters().Select(b => b.Id).SingleAsync(ct);
            serviceId = await db.Services.IgnoreQueryFilters().Where(s => s.Name == "Checkup").Select(s => s.Id).SingleAsync(ct);
        }
        await using var scope = CustomerErasureTests.TenantScope(factory, businessId);
        var sp = scope.ServiceProvider;
        var user = "user:" + Actor;
        var booking = sp.GetRequiredService<BookingService>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var slots = (await booking.FindSlotsAsync(serviceId, null, now.AddDays(3), now.AddDays(20), 40, ct)).Slots;

        var expected = new List<(string Action, bool HasBefore)>();
        async Task ExpectAsync(string action, bool hasBefore, Func<Task<bool>> run)
        {
            Assert.True(await run(), action);
            expected.Add((action, hasBefore));
        }

        BookingResult? booked = null;
        await ExpectAsync("appointment.booked", false, async () => (booked = await booking.BookAsync(new BookingRequest(serviceId, slots[0].StaffMemberId, slots[0].StartUtc,
            AppointmentSource.Portal, user, CustomerName: "Audit Person", CustomerPhone: "+14165550166"), ct)).Succeeded);
        var appointmentId = booked!.Appointment!.Id;
        var customerId = booked.Appointment.CustomerId;
        await ExpectAsync("appointment.rescheduled", true, async () => (await booking.RescheduleAsync(appointmentId, slots[^1].StartUtc, null, user, ct)).Succeeded);
        await ExpectAsync("appointment.confirmed", true, async () => (await booking.ConfirmAsync(appointmentId, user, ct)).Succeeded);
        await ExpectAsync("appointment.cancelled", true, async () => (await booking.CancelAsync(appointmentId, "moved away", user, ct)).Succeeded);

        var customers = sp.GetRequiredService<CustomersService>();
        await ExpectAsync("customer.updated", true, async () => (await customers.UpdateContactAsync(customerId,
            new CustomerContact { Name = "Audit Person", Phone = "+14165550166", Email = "audit@example.org", Language = "en-CA" }, user, ct)).Succeeded);
        await ExpectAsync("customer.notes_changed", true, async () => (await customers.UpdateNotesAsync(customerId, "Prefers afternoons", user, ct)).Succeeded);

        var settings = sp.GetRequiredService<BusinessSettingsService>();
        var form = (await settings.LoadAsync(ct))!;
        form.Address = "1 Audit Street, Toronto";
        await ExpectAsync("settings.business.updated", true, async () => (await settings.SaveProfileAsync(form, Actor, ct)).Succeeded);
        form.GreetingEn = "Hello from the audit test";
        await ExpectAsync("settings.greetings.updated", true, async () => (await settings.SaveGreetingsAsync(form, Actor, ct)).Succeeded);
        form.FirstReminderHours = 30;
        await ExpectAsync("settings.reminders.updated", true, async () => (await settings.SaveRemindersAsync(form, Actor, ct)).Succeeded);

        var users = sp.GetRequiredService<UserSettingsService>();
        InviteResult? invite = null;
        await ExpectAsync("user.invited", false, async () => (invite = await users.InviteAsync(new InviteForm { Email = "new.staff@example.org", DisplayName = "New Staff", Role = Roles.Staff }, Actor, ct)).Result.Succeeded);
        await ExpectAsync("user.role_changed", true, async () => (await users.ChangeRoleAsync(invite!.UserId!, Roles.Owner, Actor, ct)).Succeeded);
        await ExpectAsync("user.deactivated", true, async () => (await users.SetActiveAsync(invite!.UserId!, false, Actor, ct)).Succeeded);

        var privacy = sp.GetRequiredService<CustomerPrivacyService>();
        await ExpectAsync("customer.exported", false, async () => await privacy.ExportAsync(customerId, user, ct) is not null);
        await ExpectAsync("customer.erased", false, async () => (await privacy.EraseAsync(customerId, "Audit Person", user, ct)).Succeeded);

        await using (var db = holder.Create(null))
        {
            var entries = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.Actor == user).ToListAsync(ct);
            foreach (var (action, hasBefore) in expected)
            {
                var entry = Assert.Single(entries, e => e.Action == action);
                Assert.Equal(businessId, entry.BusinessId);
                Assert.False(string.IsNullOrEmpty(entry.EntityType), action);
                Assert.NotNull(entry.EntityId);
                if (action != "customer.exported")
                {
                    Assert.False(string.IsNullOrEmpty(entry.After), action + " has no after");
                }
                if (hasBefore)
                {
                    Assert.False(string.IsNullOrEmpty(entry.Before), action + " has no before");
                }
            }
            Assert.Equal(expected.Count, entries.Count);
        }

        // The viewer: the owner's own business, filtered by who, record and day, paged, newest first.
        var audit = sp.GetRequiredService<AuditQueries>();
        var mine = await audit.QueryAsync(null, new AuditFilter(Actor: "AUDIT-TESTER"), 0, 100, ct);
        Assert.Equal(expected.Count, mine.Total);
        Assert.Equal(mine.Items.OrderByDescending(r => r.AtLocal).Select(r => r.Id), mine.Items.Select(r => r.Id));
        var appointments = await audit.QueryAsync(null, new AuditFilter(Actor: Actor, EntityType: nameof(Appointment)), 0, 2, ct);
        Assert.Equal(4, appointments.Total);
        Assert.Equal(2, appointments.Items.Count);
        var secondPage = await audit.QueryAsync(null, new AuditFilter(Actor: Actor, EntityType: nameof(Appointment)), 1, 2, ct);
        Assert.Empty(appointments.Items.Select(r => r.Id).Intersect(secondPage.Items.Select(r => r.Id)));
        var today = DateOnly.FromDateTime(mine.Items[0].AtLocal);
        Assert.Equal(expected.Count, (await audit.QueryAsync(null, new AuditFilter(Actor: Actor, From: today, To: today), 0, 100, ct)).Total);
        Assert.Equal(0, (await audit.QueryAsync(null, new AuditFilter(Actor: Actor, From: today.AddDays(1)), 0, 100, ct)).Total);
        Assert.Equal(0, (await audit.QueryAsync(null, new AuditFilter(Actor: Actor, To: today.AddDays(-1)), 0, 100, ct)).Total);
        Assert.Equal(expected.Count, (await audit.QueryAsync(businessId, new AuditFilter(Actor: Actor), 0, 100, ct)).Total);
        Assert.Equal(0, (await audit.QueryAsync(Guid.NewGuid(), new AuditFilter(Actor: Actor), 0, 100, ct)).Total);

        var greetings = mine.Items.Single(r => r.Action == "settings.greetings.updated");
        Assert.Contains(AuditDiffLine.Compare(greetings.Before, greetings.After), l => l.Field == "GreetingEn" && l.Changed && l.After == "Hello from the audit test");
        // Erasure blanked the snapshots about the customer (they held the name and number) and kept who did what and when.
        var notes = mine.Items.Single(r => r.Action == "customer.notes_changed");
        Assert.Equal((VoiceFlowDbContext.ErasedSnapshot, VoiceFlowDbContext.ErasedSnapshot), (notes.Before, notes.After));
    }
}
