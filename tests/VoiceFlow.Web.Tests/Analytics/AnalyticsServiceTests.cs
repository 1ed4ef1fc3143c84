using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Analytics;

namespace VoiceFlow.Web.Tests.Analytics;

/// <summary>Analytics figures against values worked out by hand, on SQLite and on PostgreSQL.</summary>
public sealed class AnalyticsServiceTests(TestServers servers)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Week_ComparedWithPreviousWeek_MatchesHandComputedFigures(bool embedded)
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded);
        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        var business = await db.Businesses.IgnoreQueryFilters().SingleAsync(TestContext.Current.CancellationToken);
        var cleaning = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == "Cleaning", TestContext.Current.CancellationToken);
        var staff = await db.StaffMembers.IgnoreQueryFilters().FirstAsync(TestContext.Current.CancellationToken);
        var customer = new Customer(business.Id, "Ana Lytics", PhoneNumber.Parse("+14165550999"), "en-CA", new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        db.Customers.Add(customer);

        // Week of Monday 2027-03-01 (Toronto, UTC-5): 4 calls (2 booked, 1 voicemail, 1 test call not counted), durations 60, 120, 30.
        void AddCall(DateTime utc, CallOutcome outcome, int seconds, string language = "en-CA", bool test = false)
        {
            var call = new Call(business.Id, "CAan" + Guid.NewGuid().ToString("N"), "+14165550999", "+15555550100", language, utc, test);
            call.RecordOutcome(outcome);
            call.End(utc.AddSeconds(seconds), seconds, "completed");
            db.Calls.Add(call);
        }
        AddCall(new DateTime(2027, 3, 1, 15, 0, 0, DateTimeKind.Utc), CallOutcome.Booked, 60);
        AddCall(new DateTime(2027, 3, 2, 15, 0, 0, DateTimeKind.Utc), CallOutcome.Booked, 120, "fr-CA");
        AddCall(new DateTime(2027, 3, 8, 4, 30, 0, DateTimeKind.Utc), CallOutcome.Voicemail, 30); // Sunday 23:30 local: still in the week.
        AddCall(new DateTime(2027, 3, 3, 15, 0, 0, DateTimeKind.Utc), CallOutcome.Booked, 90, test: true);
        // Previous week: 1 call, not booked.
        AddCall(new DateTime(2027, 2, 24, 15, 0, 0, DateTimeKind.Utc), CallOutcome.Information, 45);

        // Appointments in the week: 2 completed ($140 each), 1 no-show, 1 cancelled.
        var booked = new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var after = new DateTime(2027, 3, 20, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 4; i++)
        {
            var start = new DateTime(2027, 3, 1 + i, 14, 0, 0, DateTimeKind.Utc);
            var appointment = Appointment.Book(business.Id, customer.Id, cleaning.Id, staff.Id, start, start.AddHours(1), AppointmentSource.Phone, booked);
            switch (i)
            {
                case 0 or 1: appointment.Complete(after); break;
                case 2: appointment.MarkNoShow(after); break;
                default: appointment.Cancel("changed plans", after); break;
            }
            db.Appointments.Add(appointment);
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(business.Id);
        var report = await scope.ServiceProvider.GetRequiredService<AnalyticsService>()
            .LoadAsync(new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 7), TestContext.Current.CancellationToken);

        Assert.NotNull(report);
        Assert.Equal(3, report.Current.Calls);
        Assert.Equal(2, report.Current.BookedByPhone);
        Assert.Equal(2.0 / 3, report.Current.Conversion, 6);
        Assert.Equal(70, report.Current.AverageCallSeconds, 6);
        Assert.Equal(3, report.Current.Appointments);
        Assert.Equal(1.0 / 3, report.Current.NoShowRate, 6);
        Assert.Equal(280m, report.Current.Revenue);
        Assert.Equal(1, report.Previous.Calls);
        Assert.Equal(0, report.Previous.BookedByPhone);
        Assert.Equal(7, report.Days.Count);
        Assert.Equal([1, 1, 0, 0, 0, 0, 1], report.Days.Select(d => d.Calls));
        Assert.Equal(2, report.Outcomes.Single(o => o.Name == "Booked").Count);
        Assert.Equal(1, report.Languages.Single(l => l.Name == "fr-CA").Count);
        Assert.Equal(3, report.Services.Single(s => s.Name == "Cleaning").Count);
    }
}
