using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Tests.Booking;

/// <summary>Booking against the real app services and a real database (PostgreSQL, and SQLite where it matters).</summary>
public sealed class BookingServiceTests(TestServers servers)
{
    private sealed record Demo(Guid BusinessId, Guid CleaningId, Guid CheckupId, Guid ChenId);

    private static async Task<Demo> DemoAsync(VoiceFlowAppFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        var business = await db.Businesses.IgnoreQueryFilters().SingleAsync();
        var services = await db.Services.IgnoreQueryFilters().ToListAsync();
        var chen = await db.StaffMembers.IgnoreQueryFilters().SingleAsync(s => s.Name.StartsWith("Dr."));
        return new Demo(business.Id, services.Single(s => s.Name == "Cleaning").Id, services.Single(s => s.Name == "Checkup").Id, chen.Id);
    }

    private static AsyncServiceScope TenantScope(VoiceFlowAppFactory factory, Guid businessId)
    {
        var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        return scope;
    }

    private static async Task<AvailableSlot> NextFreeSlotAsync(VoiceFlowAppFactory factory, Demo demo, Guid serviceId, Guid? staffId, int skipDays = 2)
    {
        await using var scope = TenantScope(factory, demo.BusinessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var from = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(skipDays);
        var slots = await booking.FindSlotsAsync(serviceId, staffId, from, from.AddDays(14), 1);
        Assert.True(slots.IsSuccess, slots.Error.ToString());
        return Assert.Single(slots.Slots);
    }

    private static BookingRequest Request(Demo demo, AvailableSlot slot, int caller, Guid? staff = null, string? key = null, Guid? service = null) =>
        new(service ?? demo.CleaningId, staff ?? demo.ChenId, slot.StartUtc, AppointmentSource.Phone, $"test:{caller}",
            CustomerName: $"Caller {caller}", CustomerPhone: $"+1416555{2000 + caller:D4}", CustomerLanguage: "en-CA", IdempotencyKey: key);

    [Fact]
    public async Task FiftyConcurrentBookingsForOneSlot_OnPostgres_ExactlyOneWins_OthersGetTakenWithAlternatives()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var demo = await DemoAsync(factory);
        var slot = await NextFreeSlotAsync(factory, demo, demo.CleaningId, demo.ChenId);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            await using var scope = TenantScope(factory, demo.BusinessId);
            return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(Request(demo, slot, i), TestContext.Current.CancellationToken);
        }));

        Assert.Single(results, r => r.Status == BookingStatus.Booked);
        var losers = results.Where(r => r.Status != BookingStatus.Booked).ToList();
        Assert.Equal(49, losers.Count);
        Assert.All(losers, r =>
        {
            Assert.Equal(BookingStatus.Unavailable, r.Status);
            Assert.Equal(SlotUnavailableReason.Taken, r.Reason);
            Assert.NotEmpty(r.AlternativeSlots);
            Assert.DoesNotContain(r.AlternativeSlots, a => a.StartUtc == slot.StartUtc);
        });

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        Assert.Equal(1, await db.Appointments.IgnoreQueryFilters().CountAsync(a => a.StaffMemberId == demo.ChenId && a.StartUtc == slot.StartUtc, TestContext.Current.CancellationToken));
        // Losers' customers were rolled back with their bookings.
        Assert.Equal(1, await db.Customers.IgnoreQueryFilters().CountAsync(c => c.Name.StartsWith("Caller "), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RoundsOfRacingBookings_ForOneStaffMember_NeverDeadlock_AndEachSlotGoesOnce()
    {
        // Bookings that insert at the same instant used to find each other's uncommitted rows in the exclusion
        // constraint and deadlock (PostgreSQL aborts one after a second; the caller heard an apology).
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var demo = await DemoAsync(factory);
        for (var round = 0; round < 8; round++)
        {
            var slot = await NextFreeSlotAsync(factory, demo, demo.CleaningId, demo.ChenId, skipDays: 2 + round);
            var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
            {
                await using var scope = TenantScope(factory, demo.BusinessId);
                return await scope.ServiceProvider.GetRequiredService<BookingService>()
                    .BookAsync(Request(demo, slot, round * 100 + i), TestContext.Current.CancellationToken);
            }));
            Assert.Single(results, r => r.Status == BookingStatus.Booked);
            Assert.All(results.Where(r => r.Status != BookingStatus.Booked), r => Assert.Equal(SlotUnavailableReason.Taken, r.Reason));
        }
    }

    [Fact]
    public async Task TenConcurrentBookingsForOneSlot_OnSqlite_ExactlyOneWins()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: true);
        var demo = await DemoAsync(factory);
        var slot = await NextFreeSlotAsync(factory, demo, demo.CheckupId, demo.ChenId);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            await using var scope = TenantScope(factory, demo.BusinessId);
            return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(Request(demo, slot, i, service: demo.CheckupId), TestContext.Current.CancellationToken);
        }));
        Assert.Single(results, r => r.Status == BookingStatus.Booked);
        Assert.All(results.Where(r => r.Status != BookingStatus.Booked), r => Assert.Equal(SlotUnavailableReason.Taken, r.Reason));
    }

    [Fact]
    public async Task SameIdempotencyKey_RepeatedAndRacing_ReturnsTheFirstAppointment()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var demo = await DemoAsync(factory);
        var slot = await NextFreeSlotAsync(factory, demo, demo.CleaningId, null);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = TenantScope(factory, demo.BusinessId);
            return await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(Request(demo, slot, 1, key: "CA-idem-1") with { StaffMemberId = null }, TestContext.Current.CancellationToken);
        }));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results.Select(r => r.Appointment!.Id).Distinct());
        Assert.Single(results, r => r.Status == BookingStatus.Booked);

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        Assert.Equal(1, await db.Appointments.IgnoreQueryFilters().CountAsync(a => a.IdempotencyKey == "CA-idem-1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Booking_WritesAuditAndConfirmationOutbox_ReusesCustomerByPhone_DetectsSameDayDuplicate()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var demo = await DemoAsync(factory);
        var slot = await NextFreeSlotAsync(factory, demo, demo.CleaningId, demo.ChenId);
        await using var scope = TenantScope(factory, demo.BusinessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();

        var first = await booking.BookAsync(Request(demo, slot, 7), TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Booked, first.Status);

        // Same person, number said differently, same service, same day: the existing appointment is offered.
        var again = await booking.BookAsync(Request(demo, slot, 7) with { CustomerPhone = "(416) 555-2007", StartUtc = slot.StartUtc.AddHours(3), StaffMemberId = null }, TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Duplicate, again.Status);
        Assert.Equal(first.Appointment!.Id, again.Appointment!.Id);

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        var audit = await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.EntityId == first.Appointment.Id, TestContext.Current.CancellationToken);
        Assert.Equal("appointment.booked", audit.Action);
        Assert.Equal("test:7", audit.Actor);
        var outbox = await db.OutboxMessages.IgnoreQueryFilters().SingleAsync(m => m.AppointmentId == first.Appointment.Id, TestContext.Current.CancellationToken);
        Assert.Equal((OutboxKind.Sms, "sms.confirmation", OutboxStatus.Pending), (outbox.Kind, outbox.Topic, outbox.Status));
        Assert.Equal(1, await db.Customers.IgnoreQueryFilters().CountAsync(c => c.Phone == "+14165552007", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BookingAKnownCustomerById_ChecksTheCustomer_TheSameDay_AndTheKey(bool embedded)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: embedded);
        var demo = await DemoAsync(factory);
        var slot = await NextFreeSlotAsync(factory, demo, demo.CleaningId, demo.ChenId);
        await using var scope = TenantScope(factory, demo.BusinessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var first = await booking.BookAsync(Request(demo, slot, 31), ct);
        Assert.Equal(BookingStatus.Booked, first.Status);
        var customerId = first.Appointment!.CustomerId;
        var later = slot.StartUtc.AddHours(2);
        BookingRequest ById(DateTime start, string? key = null, bool allowSameDay = false, Guid? customer = null) =>
            new(demo.CleaningId, null, start, AppointmentSource.Portal, "staff:test", CustomerId: customer ?? customerId, IdempotencyKey: key, AllowSameDayDuplicate: allowSameDay);

        var unknown = await booking.BookAsync(ById(later, customer: Guid.NewGuid()), ct);
        Assert.Equal((BookingStatus.Invalid, "customer.unknown"), (unknown.Status, unknown.Code));

        var sameDay = await booking.BookAsync(ById(later), ct);
        Assert.Equal(BookingStatus.Duplicate, sameDay.Status);
        Assert.Equal(first.Appointment.Id, sameDay.Appointment!.Id);

        var allowed = await booking.BookAsync(ById(later, key: "portal-31", allowSameDay: true), ct);
        Assert.Equal(BookingStatus.Booked, allowed.Status);
        Assert.Equal(customerId, allowed.Appointment!.CustomerId);

        // The same key again, even for another time: the appointment it booked.
        var repeated = await booking.BookAsync(ById(later.AddDays(1), key: "portal-31", allowSameDay: true), ct);
        Assert.Equal(BookingStatus.AlreadyBooked, repeated.Status);
        Assert.Equal(allowed.Appointment.Id, repeated.Appointment!.Id);

        // The slot the customer already holds, asked by someone else: taken, with alternatives.
        var taken = await booking.BookAsync(Request(demo, slot, 32), ct);
        Assert.Equal((BookingStatus.Unavailable, SlotUnavailableReason.Taken), (taken.Status, taken.Reason));
        Assert.NotEmpty(taken.AlternativeSlots);

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        Assert.Equal(2, await db.Appointments.IgnoreQueryFilters().CountAsync(a => a.CustomerId == customerId, ct));
    }

    [Fact]
    public async Task Cancel_FreesTheSlot_RescheduleMoves_LifeCycleEnforced()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var demo = await DemoAsync(factory);
        var slot = await NextFreeSlotAsync(factory, demo, demo.CleaningId, demo.ChenId);
        await using var scope = TenantScope(factory, demo.BusinessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();

        var booked = await booking.BookAsync(Request(demo, slot, 11), TestContext.Current.CancellationToken);
        var later = await NextFreeSlotAsync(factory, demo, demo.CleaningId, demo.ChenId, skipDays: 5);
        var moved = await booking.RescheduleAsync(booked.Appointment!.Id, later.StartUtc, null, "test", TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Booked, moved.Status);
        Assert.Equal(later.StartUtc, moved.Appointment!.StartUtc);

        // Someone else can now have the original time.
        var other = await booking.BookAsync(Request(demo, slot, 12), TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Booked, other.Status);

        var cancelled = await booking.CancelAsync(moved.Appointment.Id, "feeling better", "test", TestContext.Current.CancellationToken);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Appointment!.Status);
        var rebook = await booking.BookAsync(Request(demo, later, 13), TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Booked, rebook.Status);

        var refused = await booking.RescheduleAsync(moved.Appointment.Id, slot.StartUtc.AddDays(1), null, "test", TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Invalid, refused.Status);
        Assert.Equal("appointment.not_active", refused.Code);
        var notStarted = await booking.CompleteAsync(other.Appointment!.Id, "test", TestContext.Current.CancellationToken);
        Assert.Equal("appointment.not_started", notStarted.Code);

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        Assert.Equal(["appointment.booked", "appointment.rescheduled", "appointment.cancelled"],
            await db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == moved.Appointment.Id).OrderBy(a => a.AtUtc).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["sms.cancelled", "sms.confirmation", "sms.rescheduled"],
            (await db.OutboxMessages.IgnoreQueryFilters().Where(m => m.AppointmentId == moved.Appointment.Id).Select(m => m.Topic).ToListAsync(TestContext.Current.CancellationToken)).Order());
    }

    [Fact]
    public async Task BadInput_GetsSpecificErrors_NeverExceptions()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var demo = await DemoAsync(factory);
        var slot = await NextFreeSlotAsync(factory, demo, demo.CleaningId, demo.ChenId);
        await using var scope = TenantScope(factory, demo.BusinessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();

        Assert.Equal("service.unknown", (await booking.BookAsync(Request(demo, slot, 20, service: Guid.NewGuid()), TestContext.Current.CancellationToken)).Code);
        Assert.Equal("phone.invalid", (await booking.BookAsync(Request(demo, slot, 21) with { CustomerPhone = "call me maybe" }, TestContext.Current.CancellationToken)).Code);
        Assert.Equal("customer.name_required", (await booking.BookAsync(Request(demo, slot, 22) with { CustomerName = " " }, TestContext.Current.CancellationToken)).Code);
        var past = await booking.BookAsync(Request(demo, slot, 23) with { StartUtc = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-3) }, TestContext.Current.CancellationToken);
        Assert.Equal((BookingStatus.Unavailable, SlotUnavailableReason.InPast), (past.Status, past.Reason));
        var offGrid = await booking.BookAsync(Request(demo, slot, 24) with { StartUtc = slot.StartUtc.AddMinutes(7) }, TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Unavailable, offGrid.Status);
        var window = await booking.FindSlotsAsync(demo.CleaningId, null, slot.StartUtc, slot.StartUtc.AddHours(-1), 5, TestContext.Current.CancellationToken);
        Assert.Equal(AvailabilityError.InvalidWindow, window.Error);
        Assert.Equal("appointment.unknown", (await booking.CancelAsync(Guid.NewGuid(), null, "test", TestContext.Current.CancellationToken)).Code);
    }
}
