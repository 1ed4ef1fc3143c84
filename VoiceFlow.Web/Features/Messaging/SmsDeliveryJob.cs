using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Voice;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// Sends the SMS outbox rows that are due, across all businesses. Each row is claimed before it is sent by a
/// conditional UPDATE (pending, due, unlocked -> locked for <see cref="MessagingOptions.ClaimDuration"/>) whose
/// affected-row count says who won: on PostgreSQL the row lock makes a racing twin re-check the condition and find it
/// locked; SQLite has a single writer. So two runs at once, or a loop and a Hangfire run, send each row once.
/// Residual window: if the process dies after Twilio accepted a message and before the result is saved, the row is
/// claimable again when its claim expires; the status callback (which carries the outbox id) closes the row first
/// when Twilio calls it before then. Safe to run twice.
/// </summary>
public sealed class SmsDeliveryJob(
    DatabaseOptionsHolder database, TwilioMessagingClient twilio, TimeProvider time, IOptionsMonitor<MessagingOptions> options,
    IOptionsMonitor<TwilioOptions> twilioOptions, ILogger<SmsDeliveryJob> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends what is due; returns how many rows this run claimed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(twilioOptions.CurrentValue.AccountSid) || string.IsNullOrWhiteSpace(twilioOptions.CurrentValue.AuthToken))
        {
            // No Twilio account (the embedded demo): messages wait in the outbox rather than burn their attempts.
            return 0;
        }
        var now = Now();
        List<Guid> candidates;
        await using (var db = database.Create(tenant: null))
        {
            candidates = await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking()
                .Where(m => m.Kind == OutboxKind.Sms && m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now &&
                            (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
                .OrderBy(m => m.NextAttemptUtc).Take(settings.BatchSize).Select(m => m.Id).ToListAsync(cancellationToken);
        }
        var claimed = 0;
        foreach (var id in candidates)
        {
            if (await TryClaimAsync(id, now, now + settings.ClaimDuration, cancellationToken))
            {
                claimed++;
                await SendClaimedAsync(id, cancellationToken);
            }
        }
        return claimed;
    }

    private async Task<bool> TryClaimAsync(Guid id, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant: null);
        var rows = await db.OutboxMessages.IgnoreQueryFilters()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now && (m.LockedUntilUtc == null || m.LockedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntilUtc, until), cancellationToken);
        return rows == 1;
    }

    private async Task SendClaimedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant: null);
        var message = await db.OutboxMessages.IgnoreQueryFilters().FirstAsync(m => m.Id == id, cancellationToken);
        try
        {
            await SendAsync(db, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Sending SMS outbox row {OutboxId} failed", id);
            message.RetryLater(ex.GetType().Name + ": " + ex.Message, Now());
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task SendAsync(VoiceFlowDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = Deserialize(message.Payload);
        if (payload is null)
        {
            message.FailPermanently("Unreadable payload");
            return;
        }
        var customer = await db.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == payload.CustomerId, cancellationToken);
        if (customer is null || customer.IsErased || customer.SmsOptedOut)
        {
            message.FailPermanently("Customer opted out of SMS");
            return;
        }
        var appointment = await db.Appointments.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == payload.AppointmentId, cancellationToken);
        if (appointment is null)
        {
            message.FailPermanently("Appointment no longer exists");
            return;
        }
        var now = Now();
        if (message.Topic.StartsWith(SmsTopics.ReminderPrefix, StringComparison.Ordinal) &&
            (!appointment.IsActive || appointment.StartUtc <= now || (payload.StartUtc is { } planned && planned != appointment.StartUtc)))
        {
            // Cancelled, over, or moved since this reminder was planned (the planner makes the new one).
            message.Cancel();
            return;
        }
        if (message.Topic is SmsTopics.Confirmation or SmsTopics.Rescheduled && !appointment.IsActive)
        {
            // Cancelled before its confirmation went out: the cancellation text says all there is to say.
            message.Cancel();
            return;
        }
        var business = await db.Businesses.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == message.BusinessId, cancellationToken);
        var from = await db.BusinessPhoneNumbers.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.BusinessId == business.Id).OrderBy(p => p.Id).Select(p => p.Number).FirstOrDefaultAsync(cancellationToken);
        if (from is null)
        {
            message.FailPermanently("The business has no phone number to send from");
            return;
        }
        var service = await db.Services.IgnoreQueryFilters().AsNoTracking().FirstAsync(s => s.Id == appointment.ServiceId, cancellationToken);
        var language = customer.Language;
        var serviceName = SmsText.IsFrench(language) && service.NameFr is not null ? service.NameFr : service.Name;
        var body = SmsText.Render(message.Topic, language, business.Name, serviceName.ToLowerInvariant(),
            SmsText.When(business.TimeZoneId, appointment.StartUtc, language));

        var result = await twilio.SendAsync(customer.Phone, from, body, StatusCallback(message.Id), cancellationToken);
        now = Now();
        switch (result.Outcome)
        {
            case SmsSendOutcome.Accepted:
                message.MarkSent(result.Sid, now);
                break;
            case SmsSendOutcome.RetryLater:
                logger.LogWarning("SMS {OutboxId} will be retried: {Error}", message.Id, Privacy.PiiMask.Text(result.Error));
                message.RetryLater(result.Error ?? "Twilio unavailable", now, result.RetryAfter);
                break;
            case SmsSendOutcome.Unsubscribed:
                customer.OptOutOfSms();
                message.FailPermanently("Customer opted out of SMS (" + result.Error + ")");
                break;
            default:
                logger.LogWarning("SMS {OutboxId} refused by Twilio: {Error}", message.Id, Privacy.PiiMask.Text(result.Error));
                message.FailPermanently(result.Error ?? "Refused by Twilio");
                break;
        }
    }

    private Uri? StatusCallback(Guid outboxId)
    {
        var baseUrl = options.CurrentValue.StatusCallbackBaseUrl ?? twilioOptions.CurrentValue.PublicBaseUrl;
        return baseUrl is null ? null : new Uri(baseUrl, $"/twilio/sms/status?outboxId={outboxId:N}");
    }

    internal static SmsPayload? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SmsPayload>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
