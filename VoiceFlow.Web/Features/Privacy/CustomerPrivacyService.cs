using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Privacy;

/// <summary>
/// A customer's rights over their data: everything we hold about them as one JSON document (access, portability),
/// and erasure (right to be forgotten): personal data goes from the customer, their appointments, call transcripts,
/// text messages, outbox payloads and audit snapshots, while the rows stay so that counts and analytics keep adding up.
/// Works in the signed-in tenant only (EF query filters).
/// </summary>
public sealed class CustomerPrivacyService(IDbContextFactory<VoiceFlowDbContext> contexts, TimeProvider time)
{
    public const string Redacted = "[erased]";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The customer's data as indented JSON, or null when the customer does not exist here (or was erased).</summary>
    public async Task<byte[]?> ExportAsync(Guid customerId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId && !c.IsErased, cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.CustomerId == customerId).OrderBy(a => a.StartUtc)
            .Select(a => new
            {
                a.Id, a.StartUtc, a.EndUtc, Status = a.Status.ToString(), Source = a.Source.ToString(), a.Notes, a.CancellationReason,
                Service = db.Services.Where(s => s.Id == a.ServiceId).Select(s => s.Name).FirstOrDefault(),
                Staff = db.StaffMembers.Where(s => s.Id == a.StaffMemberId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var calls = await db.Calls.AsNoTracking().Where(c => c.CustomerId == customerId || c.From == customer.Phone).OrderBy(c => c.StartedUtc)
            .Select(c => new { c.Id, c.From, c.To, c.Language, c.StartedUtc, c.EndedUtc, c.DurationSeconds, Outcome = c.Outcome.ToString(), c.Summary, c.RecordingUrl, c.AppointmentId })
            .ToListAsync(cancellationToken);
        var callIds = calls.Select(c => c.Id).ToList();
        var turns = await db.CallTurns.AsNoTracking().Where(t => callIds.Contains(t.CallId)).OrderBy(t => t.CallId).ThenBy(t => t.Sequence)
            .Select(t => new { t.CallId, t.Sequence, Speaker = t.Speaker.ToString(), t.Text, t.Confidence, t.AtUtc })
            .ToListAsync(cancellationToken);
        var appointmentIds = appointments.Select(a => a.Id).ToList();
        var received = await db.InboundMessages.AsNoTracking().Where(m => m.CustomerId == customerId || m.From == customer.Phone).OrderBy(m => m.ReceivedUtc)
            .Select(m => new { m.ReceivedUtc, m.From, m.To, m.Body, Intent = m.Intent.ToString(), m.Outcome })
            .ToListAsync(cancellationToken);
        var sent = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.Kind == OutboxKind.Sms && o.AppointmentId != null && appointmentIds.Contains(o.AppointmentId.Value))
            .OrderBy(o => o.CreatedUtc)
            .Select(o => new { o.Topic, o.CreatedUtc, o.SentUtc, Status = o.Status.ToString(), o.Payload })
            .ToListAsync(cancellationToken);
        var subjects = appointmentIds.Concat(callIds).Append(customerId).ToList();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId != null && subjects.Contains(a.EntityId.Value)).OrderBy(a => a.AtUtc)
            .Select(a => new { a.AtUtc, a.Actor, a.Action, a.EntityType, a.EntityId, a.Before, a.After })
            .ToListAsync(cancellationToken);

        var document = new
        {
            exportedUtc = time.GetUtcNow().UtcDateTime,
            customer = new { customer.Id, customer.Name, customer.Phone, customer.Email, customer.Language, customer.SmsOptedOut, customer.Notes, customer.CreatedUtc },
            appointments,
            calls = calls.Select(c => new { call = c, transcript = turns.Where(t => t.CallId == c.Id).Select(t => new { t.Sequence, t.Speaker, t.Text, t.Confidence, t.AtUtc }) }),
            messagesReceived = received,
            messagesSent = sent,
            audit,
        };
        db.AuditEntries.Add(new AuditEntry(customer.BusinessId, actor, "customer.exported", nameof(Customer), customer.Id, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>
    /// Erases the customer's personal data. <paramref name="confirmName"/> must repeat the customer's name (the dialog
    /// asks for it), so a slip of the mouse never erases anyone. Safe to retry: an erased customer is reported as such.
    /// </summary>
    public async Task<ErasureResult> EraseAsync(Guid customerId, string confirmName, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return ErasureResult.Failed("That customer does not exist.");
        }
        if (customer.IsErased)
        {
            return ErasureResult.Failed("This customer was already erased.");
        }
        if (!string.Equals(confirmName.Trim(), customer.Name, StringComparison.OrdinalIgnoreCase))
        {
            return ErasureResult.Failed("Type the customer's name exactly to confirm.");
        }
        var phone = customer.Phone;
        var now = time.GetUtcNow().UtcDateTime;

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var appointmentIds = await db.Appointments.Where(a => a.CustomerId == customerId).Select(a => a.Id).ToListAsync(cancellationToken);
            var callIds = await db.Calls.Where(c => c.CustomerId == customerId || c.From == phone).Select(c => c.Id).ToListAsync(cancellationToken);
            var messageIds = await db.InboundMessages.Where(m => m.CustomerId == customerId || m.From == phone).Select(m => m.Id).ToListAsync(cancellationToken);

            // Appointments stay (counts, no-show rates, revenue) without free text that could name the person.
            await db.Appointments.Where(a => appointmentIds.Contains(a.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Notes, (string?)null).SetProperty(a => a.CancellationReason, a => a.CancellationReason == null ? null : Redacted), cancellationToken);
            // Calls keep their outcome and duration; the number, summary and recording go, and so does every transcript line
            // (the agent reads names and numbers back, so its lines go too).
            await db.Calls.Where(c => callIds.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.From, "redacted").SetProperty(c => c.Summary, (string?)null)
                    .SetProperty(c => c.RecordingUrl, (string?)null).SetProperty(c => c.FailureReason, (string?)null), cancellationToken);
            await db.CallTurns.Where(t => callIds.Contains(t.CallId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Text, Redacted), cancellationToken);
            await db.InboundMessages.Where(m => messageIds.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.From, "redacted").SetProperty(m => m.Body, Redacted)
                    .SetProperty(m => m.Outcome, m => m.Outcome == null ? null : Redacted), cancellationToken);
            // Pending messages to the customer are not sent any more; sent ones lose their payload (it holds the number).
            var outbox = db.OutboxMessages.Where(o => (o.AppointmentId != null && appointmentIds.Contains(o.AppointmentId.Value)) || o.Payload.Contains(phone));
            await outbox.Where(o => o.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled), cancellationToken);
            await outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.Payload, "{}").SetProperty(o => o.LastError, (string?)null), cancellationToken);

            var audited = await db.RedactAuditSnapshotsAsync([customerId, .. appointmentIds, .. callIds, .. messageIds], cancellationToken);

            customer.Erase();
            db.AuditEntries.Add(new AuditEntry(customer.BusinessId, actor, "customer.erased", nameof(Customer), customer.Id, now, null,
                JsonSerializer.Serialize(new { appointments = appointmentIds.Count, calls = callIds.Count, messages = messageIds.Count, auditEntries = audited })));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ErasureResult(true, null, appointmentIds.Count, callIds.Count, messageIds.Count, audited);
        });
    }
}
