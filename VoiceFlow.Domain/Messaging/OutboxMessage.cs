using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Messaging;

public enum OutboxKind
{
    Sms,
    CalendarPush,
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>
/// Work for the outside world (an SMS, a calendar push) written in the same transaction as the change
/// that caused it, and sent later by a job. Its <see cref="Entity.Id"/> is the idempotency key.
/// </summary>
public sealed class OutboxMessage : Entity, ITenantOwned
{
    public const int MaxAttempts = 12;

    private OutboxMessage() { }

    /// <param name="id">A deterministic id when the row must exist at most once (a reminder per appointment time); a new v7 GUID otherwise.</param>
    public OutboxMessage(Guid businessId, OutboxKind kind, string topic, string payload, DateTime createdUtc, DateTime? dueUtc = null, Guid? appointmentId = null, Guid? id = null)
    {
        if (id is { } given)
        {
            Id = given;
        }
        BusinessId = businessId;
        Kind = kind;
        Topic = topic;
        Payload = payload;
        CreatedUtc = createdUtc;
        DueUtc = dueUtc ?? createdUtc;
        NextAttemptUtc = DueUtc;
        AppointmentId = appointmentId;
        Status = OutboxStatus.Pending;
    }

    public Guid BusinessId { get; private set; }
    public OutboxKind Kind { get; private set; }
    /// <summary>What the message is, e.g. "sms.confirmation", "sms.reminder", "calendar.upsert".</summary>
    public string Topic { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public Guid? AppointmentId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime DueUtc { get; private set; }
    public DateTime NextAttemptUtc { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? LockedUntilUtc { get; private set; }
    public string? ExternalId { get; private set; }
    public string? ExternalStatus { get; private set; }
    public string? LastError { get; private set; }
    public DateTime? SentUtc { get; private set; }

    public bool IsDue(DateTime nowUtc) =>
        Status == OutboxStatus.Pending && NextAttemptUtc <= nowUtc && (LockedUntilUtc is null || LockedUntilUtc < nowUtc);

    public void Lock(DateTime untilUtc) => LockedUntilUtc = untilUtc;

    public void MarkSent(string? externalId, DateTime nowUtc)
    {
        Status = OutboxStatus.Sent;
        ExternalId = externalId;
        SentUtc = nowUtc;
        LockedUntilUtc = null;
        Attempts++;
    }

    /// <summary>A temporary failure: try again later with exponential backoff, up to <see cref="MaxAttempts"/>.</summary>
    public void RetryLater(string error, DateTime nowUtc, TimeSpan? retryAfter = null)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        LockedUntilUtc = null;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }
        var backoff = retryAfter ?? TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, Attempts - 1)));
        NextAttemptUtc = nowUtc + backoff;
    }

    /// <summary>A permanent failure (an opted-out number, a deleted calendar): shown to staff, not retried.</summary>
    public void FailPermanently(string error)
    {
        Attempts++;
        Status = OutboxStatus.Failed;
        LastError = error.Length > 1000 ? error[..1000] : error;
        LockedUntilUtc = null;
    }

    public void Cancel()
    {
        if (Status == OutboxStatus.Pending)
        {
            Status = OutboxStatus.Cancelled;
        }
    }

    public void RecordExternalStatus(string status) => ExternalStatus = status;

    public void Redact() => Payload = "{}";
}
