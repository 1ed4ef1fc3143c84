using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>
/// Every appointment change leaves an audit entry and, in the same transaction, the outbox rows for its side
/// effects: the customer's SMS (unless opted out) and the calendar push (when a calendar is connected).
/// </summary>
internal static class AppointmentChangeRecorder
{
    public const string SmsConfirmation = "sms.confirmation";
    public const string SmsRescheduled = "sms.rescheduled";
    public const string SmsCancelled = "sms.cancelled";
    public const string CalendarUpsert = "calendar.upsert";
    public const string CalendarDelete = "calendar.delete";

    public static async Task RecordAsync(
        VoiceFlowDbContext db, Appointment appointment, Customer? customer, string action, string actor, DateTime nowUtc,
        string? before, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry(appointment.BusinessId, actor, action, nameof(Appointment), appointment.Id, nowUtc,
            before, Snapshot(appointment)));

        var smsTopic = action switch
        {
            "appointment.booked" => SmsConfirmation,
            "appointment.rescheduled" => SmsRescheduled,
            "appointment.cancelled" => SmsCancelled,
            _ => null,
        };
        if (smsTopic is not null && customer is { SmsOptedOut: false, IsErased: false })
        {
            var payload = JsonSerializer.Serialize(new { appointmentId = appointment.Id, customerId = customer.Id, to = customer.Phone, language = customer.Language });
            db.OutboxMessages.Add(new OutboxMessage(appointment.BusinessId, OutboxKind.Sms, smsTopic, payload, nowUtc, appointmentId: appointment.Id));
        }

        var calendarTopic = action switch
        {
            "appointment.booked" or "appointment.rescheduled" => CalendarUpsert,
            "appointment.cancelled" => CalendarDelete,
            _ => null,
        };
        if (calendarTopic is not null && await db.CalendarConnections.AnyAsync(c => c.Status != CalendarConnectionStatus.Disconnected, cancellationToken))
        {
            var payload = JsonSerializer.Serialize(new { appointmentId = appointment.Id });
            db.OutboxMessages.Add(new OutboxMessage(appointment.BusinessId, OutboxKind.CalendarPush, calendarTopic, payload, nowUtc, appointmentId: appointment.Id));
        }
    }

    public static string Snapshot(Appointment a) => JsonSerializer.Serialize(new
    {
        a.CustomerId, a.ServiceId, a.StaffMemberId, a.StartUtc, a.EndUtc, Status = a.Status.ToString(), a.Notes, a.CancellationReason,
    });
}
