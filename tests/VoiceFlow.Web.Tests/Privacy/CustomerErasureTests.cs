using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Customers;
using VoiceFlow.Web.Features.Privacy;

namespace VoiceFlow.Web.Tests.Privacy;

/// <summary>Export and erasure of a customer on real PostgreSQL, checked by scanning every text column of the database.</summary>
public sealed class CustomerErasureTests(TestServers servers)
{
    private const string Name = "Zebulon Quartermaine";
    private const string Phone = "+14165550177";
    private const string Email = "zebulon.q@example.org";

    [Fact]
    public async Task Erase_LeavesNoPersonalDataInAnyTextColumn_KeepsTheRowsForAggregates_AndAuditsWithoutPii()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var ct = TestContext.Current.CancellationToken;
        var (businessId, customerId, appointmentId) = await SeedCustomerEverywhereAsync(factory, ct);
        Assert.NotEmpty(await FindAsync(factory.ConnectionString, ct));

        await using (var scope = TenantScope(factory, businessId))
        {
            var privacy = scope.ServiceProvider.GetRequiredService<CustomerPrivacyService>();
            var wrongName = await privacy.EraseAsync(customerId, "Zebulon", "user:owner", ct);
            Assert.False(wrongName.Succeeded);
            Assert.NotEmpty(await FindAsync(factory.ConnectionString, ct));

            var erased = await privacy.EraseAsync(customerId, " zebulon QUARTERMAINE ", "user:owner", ct);
            Assert.True(erased.Succeeded, erased.Message);
            Assert.Equal((1, 1, 1), (erased.Appointments, erased.Calls, erased.Messages));
            Assert.False((await privacy.EraseAsync(customerId, Name, "user:owner", ct)).Succeeded);
        }

        var leftovers = await FindAsync(factory.ConnectionString, ct);
        Assert.True(leftovers.Count == 0, "Personal data left after erasure in: " + string.Join(", ", leftovers));

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        var customer = await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == customerId, ct);
        Assert.True(customer.IsErased);
        var appointment = await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == appointmentId, ct);
        Assert.Equal(customerId, appointment.CustomerId);
        var call = await db.Calls.IgnoreQueryFilters().SingleAsync(c => c.CallSid == "CA-erasure-1", ct);
        Assert.Equal((CallOutcome.Booked, (string?)null), (call.Outcome, call.RecordingUrl));
        Assert.Equal(3, await db.CallTurns.IgnoreQueryFilters().CountAsync(t => t.CallId == call.Id, ct));
        var entry = await db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.Action == "customer.erased", ct);
        Assert.Equal(("user:owner", customerId), (entry.Actor, entry.EntityId));
        Assert.DoesNotContain("Zebulon", entry.After ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await db.OutboxMessages.IgnoreQueryFilters().CountAsync(o => o.AppointmentId == appointmentId && o.Status == OutboxStatus.Pending, ct));
    }

    [Fact]
    public async Task Export_HoldsTheCustomerAppointmentsCallsMessagesAndAudit_AndIsOwnerOnlyOverHttp()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var ct = TestContext.Current.CancellationToken;
        var (businessId, customerId, appointmentId) = await SeedCustomerEverywhereAsync(factory, ct);

        var owner = await PortalClient.SignedInAsync(factory);
        using var response = await owner.GetAsync($"/customers/{customerId}/export", ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = json.RootElement;
        Assert.Equal((Name, Phone, Email), (root.GetProperty("customer").GetProperty("Name").GetString(), root.GetProperty("customer").GetProperty("Phone").GetString(),
            root.GetProperty("customer").GetProperty("Email").GetString()));
        Assert.Equal(appointmentId, root.GetProperty("appointments")[0].GetProperty("Id").GetGuid());
        Assert.Equal(3, root.GetProperty("calls")[0].GetProperty("transcript").GetArrayLength());
        Assert.Contains("Quartermaine", root.GetProperty("messagesReceived")[0].GetProperty("Body").GetString(), StringComparison.Ordinal);
        Assert.Contains(root.GetProperty("audit").EnumerateArray(), a => a.GetProperty("Action").GetString() == "appointment.booked");

        var staff = await PortalClient.SignedInAsync(factory, VoiceFlowAppFactory.StaffEmail);
        using var forbidden = await staff.GetAsync($"/customers/{customerId}/export", ct);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, forbidden.StatusCode);
        using var missing = await owner.GetAsync($"/customers/{Guid.NewGuid()}/export", ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        Assert.True(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.BusinessId == businessId && a.Action == "customer.exported" && a.EntityId == customerId, ct));
    }

    internal static AsyncServiceScope TenantScope(VoiceFlowAppFactory factory, Guid businessId)
    {
        var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        return scope;
    }

    /// <summary>The customer in every place personal data lands: profile, notes, booking (audit, outbox), a call, an SMS.</summary>
    private static async Task<(Guid BusinessId, Guid CustomerId, Guid AppointmentId)> SeedCustomerEverywhereAsync(VoiceFlowAppFactory factory, CancellationToken ct)
    {
        Guid businessId;
        Guid serviceId;
        await using (var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null))
        {
            var business = await db.Businesses.IgnoreQueryFilters().SingleAsync(ct);
            businessId = business.Id;
            serviceId = await db.Services.IgnoreQueryFilters().Where(s => s.BusinessId == businessId).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync(ct);
        }
        await using var scope = TenantScope(factory, businessId);
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var slots = await booking.FindSlotsAsync(serviceId, null, now.AddDays(2), now.AddDays(14), 5, ct);
        var slot = slots.Slots[^1];
        var booked = await booking.BookAsync(new BookingRequest(serviceId, slot.StaffMemberId, slot.StartUtc, AppointmentSource.Phone, "caller:CA-erasure-1",
            CustomerName: Name, CustomerPhone: Phone, IdempotencyKey: "CA-erasure-1", Notes: $"{Name} asked for the window seat"), ct);
        Assert.True(booked.Succeeded, booked.Message);
        var customerId = booked.Appointment!.CustomerId;
        var customers = scope.ServiceProvider.GetRequiredService<CustomersService>();
        Assert.True((await customers.UpdateContactAsync(customerId, new CustomerContact { Name = Name, Phone = Phone, Email = Email, Language = "en-CA" }, "user:owner", ct)).Succeeded);
        Assert.True((await customers.UpdateNotesAsync(customerId, $"Call {Name} back at {Phone} or {Email}", "user:owner", ct)).Succeeded);

        await using (var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null))
        {
            var call = new Call(businessId, "CA-erasure-1", Phone, VoiceFlowAppFactory.DemoPhone, "en-CA", now.AddMinutes(-5));
            db.Calls.Add(call);
            db.CallTurns.Add(call.AddTurn(Speaker.Agent, "Hello, Maple Dental Clinic.", null, now.AddMinutes(-5)));
            db.CallTurns.Add(call.AddTurn(Speaker.Caller, $"This is {Name}, my number is 416 555 0177", 0.9, now.AddMinutes(-4)));
            db.CallTurns.Add(call.AddTurn(Speaker.Agent, $"Thank you {Name}, you're booked.", null, now.AddMinutes(-4)));
            call.LinkCustomer(customerId);
            call.RecordOutcome(CallOutcome.Booked, $"Booked {Name}");
            call.RecordVoicemail("https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE-erasure");
            call.RecordOutcome(CallOutcome.Booked);
            call.End(now.AddMinutes(-3), 120, "completed");
            db.InboundMessages.Add(new InboundMessage(businessId, "SM-erasure-1", Phone, VoiceFlowAppFactory.DemoPhone, $"It's {Name}, 14165550177, {Email}", now, customerId, InboundIntent.Other));
            await db.SaveChangesAsync(ct);
        }
        return (businessId, customerId, booked.Appointment.Id);
    }

    /// <summary>Every text, varchar and json column of every table in every schema (app, Identity, Hangfire) that holds the name, phone or email.</summary>
    private static async Task<List<string>> FindAsync(string connectionString, CancellationToken ct)
    {
        string[] needles = [Name, "Zebulon", "Quartermaine", Phone, Phone.TrimStart('+'), "4165550177", "416 555 0177", Email];
        var patterns = needles.Select(n => "%" + n + "%").ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        Assert.True(columns.Count > 50, $"only {columns.Count} text columns found");
        var found = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var count = new NpgsqlCommand($"""SELECT count(*) FROM "{schema}"."{table}" WHERE "{column}"::text ILIKE ANY(@p)""", connection);
            count.Parameters.AddWithValue("p", patterns);
            if ((long)(await count.ExecuteScalarAsync(ct))! > 0)
            {
                found.Add($"{schema}.{table}.{column}");
            }
        }
        return found;
    }
}
