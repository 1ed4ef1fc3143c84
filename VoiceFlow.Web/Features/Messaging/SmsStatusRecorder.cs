using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// Twilio's status callbacks: the row is found by MessageSid, or by the outbox id in the callback URL when the send's
/// result was never saved (a crash between Twilio's answer and our save), which then closes the row as sent so it is
/// not sent again. failed/undelivered make the row Failed, and the dashboard lists it under "needs attention".
/// </summary>
public sealed class SmsStatusRecorder(DatabaseOptionsHolder database, TimeProvider time, ILogger<SmsStatusRecorder> logger)
{
    public async Task<bool> RecordAsync(string? messageSid, string? status, Guid? outboxId, string? errorCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageSid) || string.IsNullOrWhiteSpace(status))
        {
            return false;
        }
        status = status.Trim().ToLowerInvariant();
        status = status.Length > 32 ? status[..32] : status;
        await using var db = database.Create(tenant: null);
        var message = await db.OutboxMessages.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.Kind == OutboxKind.Sms && m.ExternalId == messageSid, cancellationToken);
        if (message is null && outboxId is { } id)
        {
            message = await db.OutboxMessages.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.Id == id && m.Kind == OutboxKind.Sms, cancellationToken);
            if (message is { Status: OutboxStatus.Pending, LockedUntilUtc: not null })
            {
                logger.LogWarning("SMS {OutboxId} was accepted by Twilio as {MessageSid} but its send was never recorded; closing it as sent", id, messageSid);
                message.MarkSent(messageSid, time.GetUtcNow().UtcDateTime);
            }
        }
        if (message is null)
        {
            logger.LogInformation("Status {Status} for unknown SMS {MessageSid}", status, messageSid);
            return false;
        }
        if (message.ExternalStatus is "delivered" or "failed" or "undelivered" && status is not ("delivered" or "failed" or "undelivered" or "read"))
        {
            // Callbacks can arrive out of order: a late "sent" does not undo "delivered".
            return true;
        }
        message.RecordExternalStatus(status);
        if (status is "failed" or "undelivered" && message.Status != OutboxStatus.Failed)
        {
            message.FailPermanently($"Twilio reported the SMS {status}" + (string.IsNullOrWhiteSpace(errorCode) ? "" : $" (error {errorCode})"));
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
