using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Appointments;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Customers;

namespace VoiceFlow.Web.Tests.Features;

/// <summary>The appointments and customers feature services against the demo clinic on real PostgreSQL.</summary>
public sealed class PortalFeatureServiceTests(TestServers servers)
{
    private static async Task<Guid> BusinessIdAsync(VoiceFlowAppFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        return (await db.Businesses.IgnoreQueryFilters().SingleAsync()).Id;
    }

    private static AsyncServiceScope TenantScope(VoiceFlowAppFactory factory, Guid businessId)
    {
        var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        return scope;
    }

    [Fact]
    public async Task AppointmentsQuery_FiltersByStatusStaffServiceAndCustomer_PagesAndSortsInTheDatabase()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using var scope = TenantScope(factory, await BusinessIdAsync(factory));
        var appointments = scope.ServiceProvider.GetRequiredService<AppointmentsService>();
        var ct = TestContext.Current.CancellationToken;
        var setup = await appointments.LoadSetupAsync(ct);
        Assert.NotNull(setup);
        Assert.True(setup.OpenHour < setup.CloseHour);

        var all = await appointments.QueryAsync(new AppointmentFilter(), null, false, 0, 500, ct);
        Assert.NotEmpty(all.Items);
        Assert.Equal(all.Items.OrderBy(i => i.StartLocal).Select(i => i.Id), all.Items.Select(i => i.Id));

        var page = await appointments.QueryAsync(new AppointmentFilter(), nameof(AppointmentItem.CustomerName), true, 1, 3, ct);
        Assert.Equal(all.Total, page.Total);
        Assert.True(page.Items.Count <= 3);
        var names = all.Items.Select(i => i.CustomerName).OrderByDescending(n => n, StringComparer.Ordinal).Skip(3).Take(3).ToList();
        Assert.Equal(names.Count, page.Items.Count);

        var staff = all.Items[0].StaffMemberId;
        var byStaff = await appointments.QueryAsync(new AppointmentFilter(StaffMemberId: staff), null, false, 0, 500, ct);
        Assert.All(byStaff.Items, i => Assert.Equal(staff, i.StaffMemberId));
        Assert.Equal(all.Items.Count(i => i.StaffMemberId == staff), byStaff.Total);

        var service = all.Items[0].ServiceId;
        var byService = await appointments.QueryAsync(new AppointmentFilter(ServiceId: service, Status: all.Items[0].Status), null, false, 0, 500, ct);
        Assert.All(byService.Items, i => Assert.True(i.ServiceId == service && i.Status == all.Items[0].Status));

        var customer = all.Items[0].CustomerName;
        var byCustomer = await appointments.QueryAsync(new AppointmentFilter(Customer: customer[..4].ToUpperInvariant()), null, false, 0, 500, ct);
        Assert.Contains(byCustomer.Items, i => i.CustomerName == customer);
        Assert.All(byCustomer.Items, i => Assert.Contains(customer[..4], i.CustomerName, StringComparison.OrdinalIgnoreCase));

        var day = DateOnly.FromDateTime(all.Items[0].StartLocal);
        var oneDay = await appointments.QueryAsync(new AppointmentFilter(From: day, To: day), null, false, 0, 500, ct);
        Assert.All(oneDay.Items, i => Assert.Equal(day, DateOnly.FromDateTime(i.StartLocal)));
        Assert.Equal(all.Items.Count(i => DateOnly.FromDateTime(i.StartLocal) == day), oneDay.Total);
    }

    [Fact]
    public async Task CustomerSearch_ByNameOrPhoneDigits_FindsTheCustomer_AndTheProfileShowsTheirHistory()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using var scope = TenantScope(factory, await BusinessIdAsync(factory));
        var customers = scope.ServiceProvider.GetRequiredService<CustomersService>();
        var ct = TestContext.Current.CancellationToken;

        var grid = await customers.QueryAsync(null, null, false, 0, 100, ct);
        Assert.NotEmpty(grid.Items);
        var someone = grid.Items[0];

        var byName = await customers.SearchAsync(someone.Name[..3].ToLowerInvariant(), 10, ct);
        Assert.Contains(byName, c => c.Id == someone.Id);
        var digits = new string(someone.Phone.Where(char.IsDigit).ToArray())[^7..];
        var byPhone = await customers.QueryAsync(digits[..3] + " " + digits[3..], null, false, 0, 10, ct);
        Assert.Contains(byPhone.Items, c => c.Id == someone.Id);
        Assert.Empty((await customers.QueryAsync("zzzz-nobody", null, false, 0, 10, ct)).Items);

        var profile = await customers.GetProfileAsync(someone.Id, ct);
        Assert.NotNull(profile);
        Assert.NotEmpty(profile.Appointments);
        var upcoming = profile.Appointments.TakeWhile(a => a.StartLocal >= profile.Appointments[0].StartLocal).ToList();
        Assert.Equal(upcoming.OrderBy(a => a.StartLocal).Select(a => a.Id), upcoming.Select(a => a.Id));
    }

    [Fact]
    public async Task UpdateContact_ValidatesPhone_SavesAndAudits()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var businessId = await BusinessIdAsync(factory);
        await using var scope = TenantScope(factory, businessId);
        var customers = scope.ServiceProvider.GetRequiredService<CustomersService>();
        var ct = TestContext.Current.CancellationToken;
        var grid = await customers.QueryAsync(null, null, false, 0, 2, ct);
        var (first, second) = (grid.Items[0], grid.Items[1]);
        var profile = (await customers.GetProfileAsync(first.Id, ct))!;
        var secondPhone = (await customers.GetProfileAsync(second.Id, ct))!.PhoneE164;

        var bad = await customers.UpdateContactAsync(first.Id, new CustomerContact { Name = profile.Name, Phone = "12" }, "user:test", ct);
        Assert.Equal((false, nameof(CustomerContact.Phone)), (bad.Succeeded, bad.Field));
        var taken = await customers.UpdateContactAsync(first.Id, new CustomerContact { Name = profile.Name, Phone = secondPhone }, "user:test", ct);
        Assert.Equal((false, nameof(CustomerContact.Phone)), (taken.Succeeded, taken.Field));

        var saved = await customers.UpdateContactAsync(first.Id, new CustomerContact
        {
            Name = "  Renamed Customer ",
            Phone = "(514) 555-0199",
            Email = "renamed@example.com",
            Language = "fr-CA",
            SmsOptedOut = true,
        }, "user:test", ct);
        Assert.True(saved.Succeeded);
        var notes = await customers.UpdateNotesAsync(first.Id, "Prefers mornings.", "user:test", ct);
        Assert.True(notes.Succeeded);

        var after = (await customers.GetProfileAsync(first.Id, ct))!;
        Assert.Equal(("Renamed Customer", "+15145550199", "renamed@example.com", "fr-CA", true, "Prefers mornings."),
            (after.Name, after.PhoneE164, after.Email, after.Language, after.SmsOptedOut, after.Notes));
        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        var audit = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == first.Id && a.Actor == "user:test").Select(a => a.Action).ToListAsync(ct);
        Assert.Equal(["customer.notes_changed", "customer.updated"], audit.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LoadRange_ShowsANewBookingInItsWeek_AndDetailsReflectTheLifeCycle()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        await using var scope = TenantScope(factory, await BusinessIdAsync(factory));
        var appointments = scope.ServiceProvider.GetRequiredService<AppointmentsService>();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var ct = TestContext.Current.CancellationToken;
        var setup = (await appointments.LoadSetupAsync(ct))!;
        var service = setup.Services[0];
        var from = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3);
        var slot = (await booking.FindSlotsAsync(service.Id, null, from, from.AddDays(14), 1, ct)).Slots.Single();

        var booked = await booking.BookAsync(new BookingRequest(service.Id, null, slot.StartUtc, AppointmentSource.Portal, "user:test",
            CustomerName: "Range Tester", CustomerPhone: "+14165558888"), ct);
        Assert.Equal(BookingStatus.Booked, booked.Status);

        var week = CalendarLayout.StartOfWeek(slot.LocalDate);
        var items = await appointments.LoadRangeAsync(setup.Business, week, week.AddDays(7), null, ct);
        var item = Assert.Single(items, i => i.Id == booked.Appointment!.Id);
        Assert.Equal(slot.LocalDate.ToDateTime(slot.LocalTime), item.StartLocal);
        Assert.Empty(await appointments.LoadRangeAsync(setup.Business, week, week.AddDays(7), Guid.NewGuid(), ct));

        await booking.CancelAsync(item.Id, "Changed plans", "user:test", ct);
        var details = (await appointments.GetDetailsAsync(item.Id, ct))!;
        Assert.Equal((AppointmentStatus.Cancelled, "Changed plans", false), (details.Item.Status, details.CancellationReason, details.IsActive));
        Assert.DoesNotContain(await appointments.LoadRangeAsync(setup.Business, week, week.AddDays(7), null, ct), i => i.Id == item.Id);
    }
}
