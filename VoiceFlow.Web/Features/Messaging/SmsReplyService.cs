using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// Inbound SMS: the called number picks the business, the sender the customer. Every message is stored (clipped at
/// 1,600 characters); C/OUI/YES confirm and X/ANNULER/CANCEL cancel the customer's next appointment through
/// <see cref="BookingService"/>, R asks for a call-back, STOP/ARRET/... opt out, START opts back in; anything else waits
/// for staff. Replays of the same MessageSid are answered with nothing and change nothing.
/// </summary>
public sealed class SmsReplyService(DatabaseOptionsHolder database, CurrentTenant tenant, BookingService booking, TimeProvider time, ILogger<SmsReplyService> logger)
{
    public async Task<SmsReply> HandleAsync(string? messageSid, string? from, string? to, string? body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!PhoneNumber.TryParse(to, out var called))
        {
            logger.LogWarning("Inbound SMS to an unreadable number ignored");
            return SmsReply.None;
        }
        await using var db = database.Create(tenant: null);
        var number = await db.BusinessPhoneNumbers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Number == called!.E164, cancellationToken);
        if (number is null)
        {
            logger.LogWarning("Inbound SMS to {To}, which no business answers, ignored", called!.E164);
            return SmsReply.None;
        }
        var businessId = number.BusinessId;
        tenant.Set(businessId);
        if (!string.IsNullOrWhiteSpace(messageSid) && await db.InboundMessages.IgnoreQueryFilters().AnyAsync(m => m.MessageSid == messageSid, cancellationToken))
        {
            return SmsReply.None;
        }
        var business = await db.Businesses.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == businessId, cancellationToken);
        Customer? customer = null;
        if (PhoneNumber.TryParse(from, out var sender))
        {
            customer = await db.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.BusinessId == businessId && c.Phone == sender!.E164, cancellationToken);
        }
        var intent = SmsKeywords.Classify(body);
        var inbound = new InboundMessage(businessId, string.IsNullOrWhiteSpace(messageSid) ? null : messageSid, sender?.E164 ?? from ?? "", called!.E164, body, now, customer?.Id, intent);
        db.InboundMessages.Add(inbound);
        var fr = SmsText.IsFrench(customer?.Language ?? business.DefaultLanguage);
        SmsReply reply;
        if (customer is null || customer.IsErased)
        {
            inbound.RecordOutcome("Unknown sender", null, needsAttention: intent is not (InboundIntent.Empty or InboundIntent.OptOut or InboundIntent.OptIn));
            reply = SmsReply.None;
        }
        else
        {
            reply = await ActAsync(db, inbound, customer, intent, body, business.Name, business.TimeZoneId, fr, now, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (inbound.MessageSid is not null)
        {
            // The same webhook, delivered twice at once: the other request stored and handled it.
            return SmsReply.None;
        }
        return customer?.SmsOptedOut == true ? SmsReply.None : reply;
    }

    private async Task<SmsReply> ActAsync(VoiceFlowDbContext db, InboundMessage inbound, Customer customer, InboundIntent intent, string? body,
        string businessName, string timeZoneId, bool fr, DateTime now, CancellationToken cancellationToken)
    {
        switch (intent)
        {
            case InboundIntent.OptOut:
                customer.OptOutOfSms();
                inbound.RecordOutcome("Opted out of SMS", null, needsAttention: false);
                return SmsReply.None;
            case InboundIntent.OptIn:
                customer.OptInToSms();
                inbound.RecordOutcome("Opted back in to SMS", null, needsAttention: false);
                return SmsReply.None;
            case InboundIntent.CallBack:
                inbound.RecordOutcome("Asked to be called back", null, needsAttention: true);
                return new SmsReply(SmsText.CallBack(fr, businessName));
            case InboundIntent.Confirm or InboundIntent.Cancel:
                if (SmsKeywords.IsAlsoOptIn(body))
                {
                    customer.OptInToSms();
                }
                var next = await db.Appointments.IgnoreQueryFilters().AsNoTracking()
                    .Where(a => a.CustomerId == customer.Id && a.StartUtc > now && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed))
                    .OrderBy(a => a.StartUtc).FirstOrDefaultAsync(cancellationToken);
                if (next is null)
                {
                    inbound.RecordOutcome("No upcoming appointment", null, needsAttention: true);
                    return new SmsReply(SmsText.NoAppointment(fr, businessName));
                }
                var service = await db.Services.IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == next.ServiceId, cancellationToken);
                var serviceName = (fr && service.NameFr is not null ? service.NameFr : service.Name).ToLowerInvariant();
                var when = SmsText.When(timeZoneId, next.StartUtc, fr ? Domain.Common.Language.French : Domain.Common.Language.English);
                if (intent == InboundIntent.Confirm)
                {
                    var confirmed = await booking.ConfirmAsync(next.Id, "sms", cancellationToken);
                    inbound.RecordOutcome(confirmed.Succeeded ? "Appointment confirmed" : "Could not confirm: " + confirmed.Message, next.Id, !confirmed.Succeeded);
                    return confirmed.Succeeded ? new SmsReply(SmsText.Confirmed(fr, businessName, serviceName, when)) : SmsReply.None;
                }
                var cancelled = await booking.CancelAsync(next.Id, "Cancelled by SMS reply", "sms", cancellationToken);
                if (!cancelled.Succeeded)
                {
                    inbound.RecordOutcome("Could not cancel: " + cancelled.Message, next.Id, needsAttention: true);
                    return SmsReply.None;
                }
                inbound.RecordOutcome("Appointment cancelled", next.Id, needsAttention: false);
                // The reply below says it; the outbox's cancellation text would say it twice.
                await db.OutboxMessages.IgnoreQueryFilters()
                    .Where(m => m.AppointmentId == next.Id && m.Topic == SmsTopics.Cancelled && m.Status == OutboxStatus.Pending && m.LockedUntilUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled), cancellationToken);
                if (SmsKeywords.IsAlsoOptOut(body))
                {
                    customer.OptOutOfSms();
                }
                return new SmsReply(SmsText.Cancelled(fr, businessName, serviceName, when));
            case InboundIntent.Empty:
                inbound.RecordOutcome("Empty message", null, needsAttention: false);
                return SmsReply.None;
            default:
                inbound.RecordOutcome("Message for staff", null, needsAttention: true);
                return SmsReply.None;
        }
    }
}
