using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Calls;

namespace VoiceFlow.Web.Tests.Booking;

/// <summary>
/// Availability keeps a business's booked times between checks on PostgreSQL, and must still see every change at
/// once, whoever makes it: the app's bookings, another context, plain SQL (another instance, a script).
/// </summary>
public sealed class BookedTimesCacheTests(TestServers servers)
{
    private static async Task<(Guid BusinessId, Guid CleaningId, Guid ChenId)> DemoAsync(VoiceFlowAppFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        var business = await db.Businesses.IgnoreQueryFilters().SingleAsync();
        var cleaning = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == "Cleaning");
        var chen = await db.StaffMembers.IgnoreQueryFilters().SingleAsync(s => s.Name.StartsWith("Dr."));
        return (business.Id, cleaning.Id, chen.Id);
    }

    private static async Task<DateTime> FirstFreeAsync(VoiceFlowAppFactory factory, Guid businessId, Guid serviceId, Guid staffId, DateTime from)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        var slots = await scope.ServiceProvider.GetRequiredService<BookingService>().FindSlotsAsync(serviceId, staffId, from, from.AddDays(14), 1, TestContext.Current.CancellationToken);
        Assert.True(slots.IsSuccess, slots.Error.ToString());
        return Assert.Single(slots.Slots).StartUtc;
    }

    private static CurrentTenant Tenant(Guid businessId)
    {
        var tenant = new CurrentTenant();
        tenant.Set(businessId);
        return tenant;
    }

    /// <summary>
    /// Writes with the availability-version triggers of <paramref name="table"/> off, as no real writer can: only a
    /// check that reads the rows again sees the write, which tells a reloaded cached copy from an updated one.
    /// </summary>
    private static async Task WithoutVersionTriggersAsync(VoiceFlowDbContext db, string table, Func<Task> write, CancellationToken ct)
    {
        // A table name of this test's own, not input.
        var disable = $"""ALTER TABLE "{table}" DISABLE TRIGGER USER""";
        var enable = $"""ALTER TABLE "{table}" ENABLE TRIGGER USER""";
        await db.Database.ExecuteSqlRawAsync(disable, ct);
        try
        {
            await write();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(enable, ct);
        }
    }

    [Fact]
    public async Task EveryWayTheBookedTimesChange_IsSeenByTheVeryNextCheck()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var (businessId, cleaningId, chenId) = await DemoAsync(factory);
        var from = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(2);
        var first = await FirstFreeAsync(factory, businessId, cleaningId, chenId, from);
        Assert.Equal(first, await FirstFreeAsync(factory, businessId, cleaningId, chenId, from));

        // A calendar event written by another context: the slot is gone at once.
        var holder = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        await using (var db = holder.Create(Tenant(businessId)))
        {
            db.ExternalBusyTimes.Add(new ExternalBusyTime(businessId, chenId, first, first.AddHours(1), "google", "evt-cache-1"));
            await db.SaveChangesAsync(ct);
        }
        var afterBusy = await FirstFreeAsync(factory, businessId, cleaningId, chenId, from);
        Assert.True(afterBusy >= first.AddHours(1), $"offered {afterBusy:o} inside the busy hour from {first:o}");

        // Removed by plain SQL, as another instance or a script would: the slot is back.
        await using (var db = holder.Create(null))
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("""DELETE FROM "ExternalBusyTimes" WHERE "ExternalId" = 'evt-cache-1'""", ct));
        }
        Assert.Equal(first, await FirstFreeAsync(factory, businessId, cleaningId, chenId, from));

        // Booked through the app: taken.
        BookingResult booked;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
            booked = await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(cleaningId, chenId, first,
                AppointmentSource.Portal, "test", CustomerName: "Cache Caller", CustomerPhone: "+14165552999", CustomerLanguage: "en-CA"), ct);
        }
        Assert.Equal(BookingStatus.Booked, booked.Status);
        Assert.NotEqual(first, await FirstFreeAsync(factory, businessId, cleaningId, chenId, from));

        // Cancelled by plain SQL: free again.
        await using (var db = holder.Create(null))
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Appointments" SET "Status" = 'Cancelled' WHERE "Id" = {booked.Appointment!.Id}""", ct);
        }
        Assert.Equal(first, await FirstFreeAsync(factory, businessId, cleaningId, chenId, from));
    }

    [Fact]
    public async Task AnUnchangedBusiness_IsServedFromMemory_AndAChangeOfAnotherBusinessDoesNotReloadIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var (businessId, cleaningId, chenId) = await DemoAsync(factory);
        var holder = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        var cache = factory.Services.GetRequiredService<BookedTimesCache>();
        var profiles = factory.Services.GetRequiredService<BusinessProfileCache>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var db = holder.Create(Tenant(businessId));
        var setup = await profiles.GetSchedulingSetupAsync(db, businessId, now, ct);
        Assert.NotNull(setup);

        var one = await cache.SnapshotAsync(holder.DataSource!, setup, now, now, now.AddDays(14), ct);
        var two = await cache.SnapshotAsync(holder.DataSource!, setup, now, now.AddDays(1), now.AddDays(10), ct);
        Assert.NotNull(one);
        Assert.Same(one, two);
        Assert.True(one.BookedTimesUntilUtc >= now.AddDays(14));

        // Another business's appointment changes only its own version.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "AvailabilityVersions" ("BusinessId", "Version") VALUES ({Guid.NewGuid()}, nextval('"AvailabilityVersionSequence"'))""", ct);
        Assert.Same(one, await cache.SnapshotAsync(holder.DataSource!, setup, now, now, now.AddDays(14), ct));

        // Asked further than it holds: a new load that reaches that far.
        var further = await cache.SnapshotAsync(holder.DataSource!, setup, now, now, now.AddDays(60), ct);
        Assert.NotSame(one, further);
        Assert.True(further!.BookedTimesUntilUtc >= now.AddDays(60));

        // Asked about the past beyond what it keeps: not served from the cache at all.
        Assert.Null(await cache.SnapshotAsync(holder.DataSource!, setup, now, now.AddDays(-30), now, ct));

        // The business's own change: a new snapshot with the change in it.
        var slot = await FirstFreeAsync(factory, businessId, cleaningId, chenId, now.AddDays(2));
        db.ExternalBusyTimes.Add(new ExternalBusyTime(businessId, chenId, slot, slot.AddHours(1), "google", "evt-cache-2"));
        await db.SaveChangesAsync(ct);
        var changed = await cache.SnapshotAsync(holder.DataSource!, setup, now, now, now.AddDays(14), ct);
        Assert.NotSame(further, changed);
        var check = AvailabilityEngine.CheckSlot(changed!, new SlotQuery(cleaningId, chenId, now), slot);
        Assert.False(check.IsBookable);
    }

    [Fact]
    public async Task ThisInstancesBookingAndMove_UpdateTheCachedCopyInPlace_WithoutReadingTheRowsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var (businessId, cleaningId, chenId) = await DemoAsync(factory);
        var holder = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        var cache = factory.Services.GetRequiredService<BookedTimesCache>();
        var profiles = factory.Services.GetRequiredService<BusinessProfileCache>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var first = await FirstFreeAsync(factory, businessId, cleaningId, chenId, now.AddDays(2));
        var hidden = await FirstFreeAsync(factory, businessId, cleaningId, chenId, first.AddDays(1));
        var moved = await FirstFreeAsync(factory, businessId, cleaningId, chenId, hidden.AddDays(1));
        await using var db = holder.Create(Tenant(businessId));
        var setup = await profiles.GetSchedulingSetupAsync(db, businessId, now, ct);
        Assert.NotNull(setup);
        async Task<bool> BookableAsync(DateTime start)
        {
            var snapshot = await cache.SnapshotAsync(holder.DataSource!, setup, now, now, now.AddDays(14), ct);
            return AvailabilityEngine.CheckSlot(snapshot!, new SlotQuery(cleaningId, chenId, now), start).IsBookable;
        }
        Assert.True(await BookableAsync(hidden));

        // Hidden from the version: it shows whether the booking below reloaded the copy or updated it.
        db.ExternalBusyTimes.Add(new ExternalBusyTime(businessId, chenId, hidden, hidden.AddHours(1), "google", "evt-cache-hidden"));
        await WithoutVersionTriggersAsync(db, "ExternalBusyTimes", () => db.SaveChangesAsync(ct), ct);
        Assert.True(await BookableAsync(hidden));

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var booked = await booking.BookAsync(new BookingRequest(cleaningId, chenId, first,
            AppointmentSource.Portal, "test", CustomerName: "Cache Patch", CustomerPhone: "+14165552998", CustomerLanguage: "en-CA"), ct);
        Assert.Equal(BookingStatus.Booked, booked.Status);
        Assert.False(await BookableAsync(first));
        Assert.True(await BookableAsync(hidden));

        var rescheduled = await booking.RescheduleAsync(booked.Appointment!.Id, moved, chenId, "test", ct);
        Assert.Equal(BookingStatus.Booked, rescheduled.Status);
        Assert.True(await BookableAsync(first));
        Assert.False(await BookableAsync(moved));
        Assert.True(await BookableAsync(hidden));

        // Any other change (here plain SQL, with the triggers on) makes the next check read the rows: all of them.
        await db.Database.ExecuteSqlAsync($"""UPDATE "Appointments" SET "Notes" = 'seen' WHERE "Id" = {booked.Appointment.Id}""", ct);
        Assert.False(await BookableAsync(hidden));
        Assert.False(await BookableAsync(moved));
        Assert.True(await BookableAsync(first));
    }

    [Fact]
    public async Task ATimeTakenThatTheCachedCopyDoesNotShow_IsFoundUnderTheLock_AndNothingIsWritten()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var (businessId, cleaningId, chenId) = await DemoAsync(factory);
        var holder = factory.Services.GetRequiredService<DatabaseOptionsHolder>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var slot = await FirstFreeAsync(factory, businessId, cleaningId, chenId, now.AddDays(2));
        await using var db = holder.Create(Tenant(businessId));
        var customer = await db.Customers.FirstAsync(ct);
        var cleaning = await db.Services.SingleAsync(s => s.Id == cleaningId, ct);

        // Taken with the version triggers off: the cached copy still shows the time free, as it does for a moment
        // when another booking commits right after this one checked.
        var taken = Appointment.Book(businessId, customer.Id, cleaningId, chenId, slot, slot + cleaning.Duration, AppointmentSource.Portal, now);
        db.Appointments.Add(taken);
        await WithoutVersionTriggersAsync(db, "Appointments", () => db.SaveChangesAsync(ct), ct);
        Assert.Equal(slot, await FirstFreeAsync(factory, businessId, cleaningId, chenId, now.AddDays(2)));

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        var result = await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(cleaningId, chenId, slot,
            AppointmentSource.Phone, "test", CustomerName: "Late Caller", CustomerPhone: "+14165552997", CustomerLanguage: "en-CA"), ct);

        Assert.Equal(BookingStatus.Unavailable, result.Status);
        Assert.Equal(SlotUnavailableReason.Taken, result.Reason);
        await using var check = holder.Create(null);
        Assert.Equal(0, await check.Customers.IgnoreQueryFilters().CountAsync(c => c.Phone == "+14165552997", ct));
        var active = await check.Appointments.IgnoreQueryFilters().Where(a => a.StaffMemberId == chenId && a.StartUtc == slot).ToListAsync(ct);
        Assert.Equal(taken.Id, Assert.Single(active).Id);
    }
}
