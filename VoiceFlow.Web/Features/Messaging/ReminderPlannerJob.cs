using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// Writes the reminder outbox rows of upcoming appointments, per business policy (see <see cref="ReminderSchedule"/>),
/// when they fall due within <see cref="PlanAhead"/>.
/// A reminder's id is derived from (appointment, topic, start time), so running twice, or twice at once, cannot create
/// it twice (the primary key refuses the second). When an appointment moves, its pending reminders for the old time no
/// longer match and are cancelled, and new ones are planned; a cancelled appointment's are cancelled by
/// <c>BookingService</c> and, as a backstop, by the sender. Safe to run twice.
/// </summary>
public sealed class ReminderPlannerJob(DatabaseOptionsHolder database, TimeProvider time, ILogger<ReminderPlannerJob> logger)
{
    /// <summary>A reminder row is written when it falls due within this time: just in time, so moves rarely leave stale rows.</summary>
    public static readonly TimeSpan PlanAhead = TimeSpan.FromHours(12);

    /// <summary>A reminder more than this late (the planner was down) is skipped rather than sent at an odd hour.</summary>
    public static readonly TimeSpan MissedAfter = TimeSpan.FromHours(1);

    /// <summary>Plans what is missing; returns how many reminder rows it wrote.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = database.Create(tenant: null);
        var businesses = await db.Businesses.IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
        var written = 0;
        foreach (var business in businesses)
        {
            var policy = business.Reminders;
            var horizon = now.AddHours(Math.Max(policy.FirstReminderHours, policy.SecondReminderHours ?? 0)) + PlanAhead;
            var appointments = await db.Appointments.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.BusinessId == business.Id && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed) &&
                            a.StartUtc > now && a.StartUtc <= horizon)
                .ToListAsync(cancellationToken);
            await CancelStaleAsync(db, business.Id, cancellationToken);
            if (appointments.Count == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }
            var ids = appointments.Select(a => a.Id).ToList();
            var existing = await db.OutboxMessages.IgnoreQueryFilters()
                .Where(m => m.AppointmentId != null && ids.Contains(m.AppointmentId.Value) && m.Topic.StartsWith(SmsTopics.ReminderPrefix))
                .ToListAsync(cancellationToken);
            var customerIds = appointments.Select(a => a.CustomerId).Distinct().ToList();
            var customers = await db.Customers.IgnoreQueryFilters().AsNoTracking()
                .Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var added = new List<OutboxMessage>();
            foreach (var appointment in appointments)
            {
                var mine = existing.Where(m => m.AppointmentId == appointment.Id).ToList();
                if (!customers.TryGetValue(appointment.CustomerId, out var customer) || customer.SmsOptedOut || customer.IsErased)
                {
                    continue;
                }
                foreach (var (topic, dueUtc) in ReminderSchedule.Plan(policy, business.TimeZoneId, appointment.StartUtc, appointment.UpdatedUtc))
                {
                    var id = ReminderId(appointment.Id, topic, appointment.StartUtc);
                    if (dueUtc > now + PlanAhead || dueUtc < now - MissedAfter || mine.Any(m => m.Id == id))
                    {
                        continue;
                    }
                    var payload = JsonSerializer.Serialize(new SmsPayload(appointment.Id, customer.Id, customer.Phone, customer.Language, appointment.StartUtc), SmsDeliveryJob.Json);
                    added.Add(new OutboxMessage(business.Id, OutboxKind.Sms, topic, payload, now, dueUtc, appointment.Id, id));
                }
            }
            db.OutboxMessages.AddRange(added);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                written += added.Count;
            }
            catch (DbUpdateException ex)
            {
                // A racing run planned the same reminders (same ids): theirs stand; the next run tidies up.
                logger.LogWarning(ex, "Reminder planning for business {BusinessId} raced another run", business.Id);
                db.ChangeTracker.Clear();
            }
        }
        return written;
    }

    /// <summary>Pending reminders of appointments since moved (their id no longer matches) or no longer active.</summary>
    private static async Task CancelStaleAsync(VoiceFlowDbContext db, Guid businessId, CancellationToken cancellationToken)
    {
        var pending = await db.OutboxMessages.IgnoreQueryFilters()
            .Where(m => m.BusinessId == businessId && m.Status == OutboxStatus.Pending && m.AppointmentId != null && m.Topic.StartsWith(SmsTopics.ReminderPrefix))
            .ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return;
        }
        var ids = pending.Select(m => m.AppointmentId!.Value).Distinct().ToList();
        var appointments = await db.Appointments.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.StartUtc, a.Status }).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var message in pending)
        {
            if (!appointments.TryGetValue(message.AppointmentId!.Value, out var a) ||
                a.Status is not (AppointmentStatus.Booked or AppointmentStatus.Confirmed) ||
                ReminderId(a.Id, message.Topic, a.StartUtc) != message.Id)
            {
                message.Cancel();
            }
        }
    }

    /// <summary>The same appointment, reminder and start time always give the same id.</summary>
    public static Guid ReminderId(Guid appointmentId, string topic, DateTime startUtc)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{appointmentId:N}|{topic}|{startUtc.Ticks}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
