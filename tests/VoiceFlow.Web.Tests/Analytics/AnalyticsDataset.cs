using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Tests.Analytics;

/// <summary>
/// A fortnight of activity for the demo clinic (Toronto, UTC-5 before DST starts on 14 March 2027), small enough to
/// work out every figure by hand. The clock stands at Wednesday 24 March 2027, so both weeks are closed days.
/// </summary>
internal static class AnalyticsDataset
{
    public static readonly DateTimeOffset Now = new(2027, 3, 24, 17, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly WeekStart = new(2027, 3, 1);
    public static readonly DateOnly WeekEnd = new(2027, 3, 7);

    public sealed record Seeded(Guid BusinessId, string FirstCallSid, Guid ChenId, Guid GagnonId);

    public static async Task<Seeded> SeedAsync(VoiceFlowDbContext db, CancellationToken ct)
    {
        var business = await db.Businesses.IgnoreQueryFilters().SingleAsync(ct);
        var cleaning = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == "Cleaning", ct);
        var checkup = await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == "Checkup", ct);
        var staff = await db.StaffMembers.IgnoreQueryFilters().OrderBy(s => s.Name).Take(2).ToListAsync(ct);
        var created = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ann = new Customer(business.Id, "Ann Alytics", PhoneNumber.Parse("+14165550901"), "en-CA", created);
        var bob = new Customer(business.Id, "Bob Returning", PhoneNumber.Parse("+14165550902"), "fr-CA", created);
        db.Customers.AddRange(ann, bob);

        string? first = null;
        void AddCall(DateTime utc, CallOutcome outcome, int? seconds, string language = "en-CA", bool test = false)
        {
            var call = new Call(business.Id, "CAan" + Guid.NewGuid().ToString("N"), "+14165550901", "+15555550100", language, utc, test);
            call.RecordOutcome(outcome);
            if (seconds is { } s)
            {
                call.End(utc.AddSeconds(s), s, "completed");
            }
            first ??= call.CallSid;
            db.Calls.Add(call);
        }
        // The week of Monday 1 March: six counted calls and a test call.
        AddCall(Utc(3, 1, 15, 0), CallOutcome.Booked, 60);               // Mon 10:00, 1 billed minute
        AddCall(Utc(3, 2, 15, 30), CallOutcome.Booked, 125, "fr-CA");    // Tue 10:30, 3 minutes
        AddCall(Utc(3, 3, 15, 0), CallOutcome.Booked, 90, test: true);   // test call: not counted
        AddCall(Utc(3, 3, 19, 0), CallOutcome.Transferred, 200);         // Wed 14:00, 4 minutes
        AddCall(Utc(3, 4, 14, 10), CallOutcome.Abandoned, null);         // Thu 9:10, duration unknown
        AddCall(Utc(3, 4, 14, 50), CallOutcome.Information, 59);         // Thu 9:50, 1 minute
        AddCall(Utc(3, 8, 4, 30), CallOutcome.Voicemail, 30);            // Sun 7 March 23:30 local, 1 minute
        // The week before: one call.
        AddCall(Utc(2, 24, 15, 0), CallOutcome.Information, 45);

        // Appointments: Ann's first ever (new), Ann's second, Bob's no-show (he came in February: returning), Bob's cancelled.
        var booked = new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var after = new DateTime(2027, 3, 20, 0, 0, 0, DateTimeKind.Utc);
        Appointment Book(Customer customer, VoiceFlow.Domain.Scheduling.Service service, int staffIndex, DateTime start)
        {
            var appointment = Appointment.Book(business.Id, customer.Id, service.Id, staff[staffIndex].Id, start, start + service.Duration, AppointmentSource.Phone, booked);
            db.Appointments.Add(appointment);
            return appointment;
        }
        Book(bob, cleaning, 1, Utc(2, 15, 14, 0)).Complete(after);
        Book(ann, cleaning, 0, Utc(3, 1, 14, 0)).Complete(after);
        Book(ann, cleaning, 0, Utc(3, 2, 14, 0)).Complete(after);
        Book(bob, checkup, 1, Utc(3, 3, 14, 0)).MarkNoShow(after);
        Book(bob, checkup, 1, Utc(3, 4, 16, 0)).Cancel("changed plans", after);

        // SMS: an English confirmation and a French reminder sent, a pending one (not counted), one reply.
        OutboxMessage Sms(string topic, string language, Guid customerId)
        {
            var payload = JsonSerializer.Serialize(new SmsPayload(Guid.NewGuid(), customerId, "+14165550901", language));
            var message = new OutboxMessage(business.Id, OutboxKind.Sms, topic, payload, booked);
            db.OutboxMessages.Add(message);
            return message;
        }
        Sms(SmsTopics.Confirmation, "en-CA", ann.Id).MarkSent("SM1", Utc(3, 1, 15, 5));
        Sms(SmsTopics.ReminderFirst, "fr-CA", bob.Id).MarkSent("SM2", Utc(3, 2, 14, 0));
        Sms(SmsTopics.ReminderSecond, "fr-CA", bob.Id);
        db.InboundMessages.Add(new InboundMessage(business.Id, "SMin1", "+14165550902", "+15555550100", "C", Utc(3, 2, 16, 0), bob.Id, InboundIntent.Confirm));
        await db.SaveChangesAsync(ct);
        return new Seeded(business.Id, first!, staff[0].Id, staff[1].Id);
    }

    private static DateTime Utc(int month, int day, int hour, int minute) => new(2027, month, day, hour, minute, 0, DateTimeKind.Utc);
}
