using Microsoft.EntityFrameworkCore;
using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Demo;

/// <summary>
/// <c>seed --volume</c>: gives the demo business a busy year (by default 5,000 appointments a month for twelve months,
/// ten staff, calls with transcripts) so pages and analytics can be measured on realistic data. Deterministic.
/// </summary>
public sealed class VolumeSeeder(DatabaseOptionsHolder database, TimeProvider time, ILogger<VolumeSeeder> logger)
{
    private const int BatchSize = 2000;

    public sealed record Options(int Months = 12, int AppointmentsPerMonth = 5000, int CallsPerMonth = 2500, int Staff = 10);

    public sealed record Result(int Appointments, int Customers, int Calls, int Turns);

    public async Task<Result> SeedAsync(Guid businessId, Options options, CancellationToken cancellationToken)
    {
        var random = new Random(20261125);
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = database.Create(tenant: null);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var business = await db.Businesses.IgnoreQueryFilters().SingleAsync(b => b.Id == businessId, cancellationToken);
        var zone = DateTimeZoneProviders.Tzdb[business.TimeZoneId];

        var consult = new Service(businessId, "Consultation " + random.Next(1000, 9999), TimeSpan.FromMinutes(20), 60m);
        db.Services.Add(consult);
        var staff = await db.StaffMembers.IgnoreQueryFilters().Where(s => s.BusinessId == businessId).ToListAsync(cancellationToken);
        var newStaff = Enumerable.Range(staff.Count + 1, Math.Max(0, options.Staff - staff.Count))
            .Select(i => new StaffMember(businessId, $"Practitioner {i}")).ToList();
        db.StaffMembers.AddRange(newStaff);
        await db.SaveChangesAsync(cancellationToken);
        // Volume appointments go to the volume staff only, so they never collide with the demo's own bookings.
        var lanes = newStaff.Count > 0 ? newStaff : staff;

        var customerCount = Math.Max(100, options.AppointmentsPerMonth * options.Months / 6);
        var customers = new List<Guid>(customerCount);
        var stamp = random.Next(100, 999);
        for (var i = 0; i < customerCount; i++)
        {
            var customer = new Customer(businessId, $"Volume Customer {i:D5}", PhoneNumber.Parse($"+1{647 + ((i / 10_000) % 3)}{stamp}{i % 10_000:D4}"),
                i % 4 == 0 ? "fr-CA" : "en-CA", nowUtc.AddDays(-400 + (i % 365)));
            db.Customers.Add(customer);
            customers.Add(customer.Id);
            if (db.ChangeTracker.Entries().Count() >= BatchSize)
            {
                await FlushAsync(db, cancellationToken);
            }
        }
        await FlushAsync(db, cancellationToken);

        // Appointments: 20-minute consultations on a 20-minute grid, Monday to Friday 9:00-17:00, across the lanes.
        var today = Instant.FromDateTimeUtc(nowUtc).InZone(zone).Date;
        var firstDay = today.PlusMonths(-options.Months);
        var workingDays = Enumerable.Range(0, Period.Between(firstDay, today.PlusDays(30), PeriodUnits.Days).Days)
            .Select(firstDay.PlusDays).Where(d => d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)).ToList();
        var perDay = (int)Math.Ceiling(options.AppointmentsPerMonth * 12.0 / 260);
        var slotsPerLane = 24;
        var appointments = 0;
        foreach (var day in workingDays)
        {
            var chosen = Enumerable.Range(0, lanes.Count * slotsPerLane).OrderBy(_ => random.Next()).Take(Math.Min(perDay, lanes.Count * slotsPerLane));
            foreach (var slot in chosen)
            {
                var lane = lanes[slot % lanes.Count];
                var start = day.At(new LocalTime(9, 0).PlusMinutes(20 * (slot / lanes.Count))).InZoneLeniently(zone).ToDateTimeUtc();
                var booked = start.AddDays(-random.Next(1, 30));
                var appointment = Appointment.Book(businessId, customers[random.Next(customers.Count)], consult.Id, lane.Id, start, start.AddMinutes(20),
                    (AppointmentSource)(random.Next(3)), booked < nowUtc ? booked : nowUtc.AddMinutes(-1));
                if (start < nowUtc)
                {
                    var roll = random.Next(100);
                    if (roll < 5)
                    {
                        appointment.MarkNoShow(nowUtc);
                    }
                    else if (roll < 12)
                    {
                        appointment.Cancel("Volume seed", nowUtc);
                    }
                    else
                    {
                        appointment.Complete(nowUtc);
                    }
                }
                db.Appointments.Add(appointment);
                appointments++;
                if (db.ChangeTracker.Entries().Count() >= BatchSize)
                {
                    await FlushAsync(db, cancellationToken);
                }
            }
        }
        await FlushAsync(db, cancellationToken);

        // Calls with short transcripts.
        var outcomes = new[] { CallOutcome.Booked, CallOutcome.Information, CallOutcome.Booked, CallOutcome.Rescheduled, CallOutcome.Cancelled, CallOutcome.Transferred, CallOutcome.Voicemail, CallOutcome.Abandoned };
        var callCount = options.CallsPerMonth * options.Months;
        var turns = 0;
        for (var i = 0; i < callCount; i++)
        {
            var started = nowUtc.AddMinutes(-random.Next(10, options.Months * 30 * 24 * 60));
            var call = new Call(businessId, $"CAvolume{stamp}{i:D8}", $"+1647{stamp}{i % 10_000:D4}", business.PhoneNumbers.FirstOrDefault()?.Number ?? "", i % 4 == 0 ? "fr-CA" : "en-CA", started);
            db.Calls.Add(call);
            var lines = 2 + random.Next(6);
            for (var t = 0; t < lines; t++)
            {
                db.CallTurns.Add(call.AddTurn(t % 2 == 0 ? Speaker.Agent : Speaker.Caller, t % 2 == 0 ? "How can I help?" : "I'd like to book a consultation",
                    t % 2 == 0 ? null : 0.5 + (random.NextDouble() / 2), started.AddSeconds(6 * t), t % 2 == 0 ? 150 + random.Next(100) : null));
                turns++;
            }
            call.RecordOutcome(outcomes[random.Next(outcomes.Length)]);
            call.End(started.AddSeconds(6 * lines + 5), 6 * lines + 5, "completed");
            if (db.ChangeTracker.Entries().Count() >= BatchSize)
            {
                await FlushAsync(db, cancellationToken);
            }
        }
        await FlushAsync(db, cancellationToken);
        logger.LogInformation("Volume seed: {Appointments} appointments, {Customers} customers, {Calls} calls", appointments, customerCount, callCount);
        return new Result(appointments, customerCount, callCount, turns);
    }

    private static async Task FlushAsync(VoiceFlowDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
