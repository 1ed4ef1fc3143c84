using Microsoft.EntityFrameworkCore;
using Npgsql;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;

namespace VoiceFlow.Infrastructure.Tests.Persistence;

/// <summary>The same persistence behaviour on SQLite and on PostgreSQL.</summary>
public sealed class PersistenceTests(TestServers servers)
{
    private static readonly DateTime Now = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private sealed record Seeded(Guid BusinessId, Guid ServiceId, Guid StaffId, Guid CustomerId);

    private static async Task<Seeded> SeedAsync(TestDatabase database, string phone = "+15555550100")
    {
        await using var db = database.Context();
        var business = new Business("Maple Dental", "America/Toronto", "en-CA");
        business.AddPhoneNumber(phone);
        business.ChangeReminderPolicy(ReminderPolicy.Default with { SecondReminderHours = 3 });
        var service = new Service(business.Id, "Cleaning", TimeSpan.FromMinutes(60), 140.50m);
        service.ChangeSynonyms(["teeth cleaning", "nettoyage"]);
        var staff = new StaffMember(business.Id, "Dr. Chen");
        staff.SetWorkingHours([new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)), new WeeklyHours(DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(17, 0))]);
        var customer = new Customer(business.Id, "Marie Tremblay", PhoneNumber.Parse("416 555 0123"), "fr-CA", Now);
        db.AddRange(business, service, staff, customer);
        db.BusinessHours.Add(new BusinessHours(business.Id, new WeeklyHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))));
        await db.SaveChangesAsync();
        return new Seeded(business.Id, service.Id, staff.Id, customer.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Aggregates_RoundTrip_WithValueObjectsCollectionsAndUtc(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var seeded = await SeedAsync(database);

        await using var db = database.Context(seeded.BusinessId);
        var business = await db.Businesses.Include(b => b.PhoneNumbers).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("+15555550100", Assert.Single(business.PhoneNumbers).Number);
        Assert.Equal(3, business.Reminders.SecondReminderHours);
        var service = await db.Services.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(140.50m, service.Price);
        Assert.Equal(["teeth cleaning", "nettoyage"], service.Synonyms);
        var staff = await db.StaffMembers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, staff.WorkingHours.Count);
        var customer = await db.Customers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("+14165550123", customer.Phone);
        Assert.Equal(DateTimeKind.Utc, customer.CreatedUtc.Kind);
        Assert.Equal(Now, customer.CreatedUtc);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task QueryFilters_HideOtherTenantsRows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var first = await SeedAsync(database, "+15555550100");
        var second = await SeedAsync(database, "+15555550101");

        await using var db = database.Context(first.BusinessId);
        Assert.Equal(first.CustomerId, (await db.Customers.SingleAsync(TestContext.Current.CancellationToken)).Id);
        Assert.Null(await db.Customers.FirstOrDefaultAsync(c => c.Id == second.CustomerId, TestContext.Current.CancellationToken));
        Assert.Single(await db.Businesses.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.Customers.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken));

        await using var none = database.Context();
        Assert.Empty(await none.Customers.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Customer_SamePhoneTwiceInOneBusiness_IsRejected(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var seeded = await SeedAsync(database);
        await using var db = database.Context(seeded.BusinessId);
        db.Customers.Add(new Customer(seeded.BusinessId, "Someone Else", PhoneNumber.Parse("+14165550123"), "en-CA", Now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Appointment_SameIdempotencyKeyTwice_IsRejected(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var s = await SeedAsync(database);
        await using var db = database.Context(s.BusinessId);
        var start = Now.AddDays(6);
        db.Appointments.Add(Appointment.Book(s.BusinessId, s.CustomerId, s.ServiceId, s.StaffId, start, start.AddHours(1), AppointmentSource.Phone, Now, "CA123"));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.Appointments.Add(Appointment.Book(s.BusinessId, s.CustomerId, s.ServiceId, s.StaffId, start.AddHours(2), start.AddHours(3), AppointmentSource.Phone, Now, "CA123"));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CallWithTranscriptAndOutbox_RoundTrip(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var s = await SeedAsync(database);
        await using (var db = database.Context(s.BusinessId))
        {
            var call = new Call(s.BusinessId, "CA42", "+14165550123", "+15555550100", "fr-CA", Now);
            db.Calls.Add(call);
            db.CallTurns.Add(call.AddTurn(Speaker.Agent, "Bonjour!", null, Now));
            db.CallTurns.Add(call.AddTurn(Speaker.Caller, "je voudrais un nettoyage", 0.82, Now.AddSeconds(4), 120));
            call.RecordOutcome(CallOutcome.Booked);
            db.OutboxMessages.Add(new OutboxMessage(s.BusinessId, OutboxKind.Sms, "sms.confirmation", "{\"to\":\"+14165550123\"}", Now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var db = database.Context(s.BusinessId))
        {
            var call = await db.Calls.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(CallOutcome.Booked, call.Outcome);
            Assert.Equal(2, call.TurnCount);
            var turns = await db.CallTurns.Where(t => t.CallId == call.Id).OrderBy(t => t.Sequence).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["Bonjour!", "je voudrais un nettoyage"], turns.Select(t => t.Text));
            Assert.Equal(0.82, turns[1].Confidence);
            var message = await db.OutboxMessages.SingleAsync(m => m.Status == OutboxStatus.Pending, TestContext.Current.CancellationToken);
            Assert.Equal("sms.confirmation", message.Topic);
        }
    }

    [Fact]
    public async Task Postgres_OverlappingActiveAppointmentsForOneStaff_AreRejectedByExclusionConstraint()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers);
        var s = await SeedAsync(database);
        var otherCustomer = Guid.Empty;
        await using (var db = database.Context(s.BusinessId))
        {
            var customer = new Customer(s.BusinessId, "Jean Gagnon", PhoneNumber.Parse("+14165550199"), "en-CA", Now);
            db.Customers.Add(customer);
            otherCustomer = customer.Id;
            var start = Now.AddDays(6);
            db.Appointments.Add(Appointment.Book(s.BusinessId, s.CustomerId, s.ServiceId, s.StaffId, start, start.AddHours(1), AppointmentSource.Portal, Now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = database.Context(s.BusinessId))
        {
            var start = Now.AddDays(6).AddMinutes(30);
            db.Appointments.Add(Appointment.Book(s.BusinessId, otherCustomer, s.ServiceId, s.StaffId, start, start.AddHours(1), AppointmentSource.Portal, Now));
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
            var postgres = Assert.IsType<PostgresException>(ex.InnerException);
            Assert.Equal(PostgresErrorCodes.ExclusionViolation, postgres.SqlState);
            Assert.Equal(PostgresVoiceFlowDbContext.NoOverlapConstraint, postgres.ConstraintName);
        }

        // Back to back is fine, and a cancelled appointment frees its time.
        await using (var db = database.Context(s.BusinessId))
        {
            var existing = await db.Appointments.SingleAsync(TestContext.Current.CancellationToken);
            db.Appointments.Add(Appointment.Book(s.BusinessId, otherCustomer, s.ServiceId, s.StaffId, existing.EndUtc, existing.EndUtc.AddHours(1), AppointmentSource.Portal, Now));
            existing.Cancel("moved", Now);
            db.Appointments.Add(Appointment.Book(s.BusinessId, otherCustomer, s.ServiceId, s.StaffId, existing.StartUtc, existing.EndUtc, AppointmentSource.Portal, Now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            Assert.Equal(3, await db.Appointments.CountAsync(TestContext.Current.CancellationToken));
        }
    }
}
