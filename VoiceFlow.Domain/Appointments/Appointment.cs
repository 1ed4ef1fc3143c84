using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Appointments;

/// <summary>
/// A booked service with a staff member for a customer. The life cycle is enforced here:
/// Booked -> Confirmed -> Completed | NoShow; Booked/Confirmed -> Cancelled; nothing leaves a final state.
/// </summary>
public sealed class Appointment : Entity, ITenantOwned
{
    private Appointment() { }

    private Appointment(
        Guid businessId, Guid customerId, Guid serviceId, Guid staffMemberId,
        DateTime startUtc, DateTime endUtc, AppointmentSource source, string? idempotencyKey, string? notes, DateTime nowUtc)
    {
        BusinessId = businessId;
        CustomerId = customerId;
        ServiceId = serviceId;
        StaffMemberId = staffMemberId;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Source = source;
        IdempotencyKey = idempotencyKey;
        Notes = notes;
        Status = AppointmentStatus.Booked;
        CreatedUtc = nowUtc;
        UpdatedUtc = nowUtc;
    }

    public Guid BusinessId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid StaffMemberId { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public AppointmentSource Source { get; private set; }
    /// <summary>Repeating a request with the same key returns this appointment instead of booking again (a CallSid for phone bookings).</summary>
    public string? IdempotencyKey { get; private set; }
    public string? Notes { get; private set; }
    public string? CancellationReason { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }

    /// <summary>Whether the appointment still holds its time (the database's no-overlap rule applies to these).</summary>
    public bool IsActive => Status is AppointmentStatus.Booked or AppointmentStatus.Confirmed;

    public static Appointment Book(
        Guid businessId, Guid customerId, Guid serviceId, Guid staffMemberId,
        DateTime startUtc, DateTime endUtc, AppointmentSource source, DateTime nowUtc,
        string? idempotencyKey = null, string? notes = null)
    {
        EnsureValidRange(startUtc, endUtc);
        if (startUtc < nowUtc)
        {
            throw new DomainException("appointment.in_past", "An appointment cannot start in the past.");
        }
        return new Appointment(businessId, customerId, serviceId, staffMemberId, startUtc, endUtc, source,
            string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey, notes, nowUtc);
    }

    public void Reschedule(DateTime startUtc, DateTime endUtc, DateTime nowUtc, Guid? staffMemberId = null)
    {
        EnsureActive("be rescheduled");
        EnsureValidRange(startUtc, endUtc);
        if (startUtc < nowUtc)
        {
            throw new DomainException("appointment.in_past", "An appointment cannot be moved into the past.");
        }
        StartUtc = startUtc;
        EndUtc = endUtc;
        StaffMemberId = staffMemberId ?? StaffMemberId;
        // A moved appointment needs confirming again.
        Status = AppointmentStatus.Booked;
        UpdatedUtc = nowUtc;
    }

    public void Confirm(DateTime nowUtc)
    {
        EnsureActive("be confirmed");
        Status = AppointmentStatus.Confirmed;
        UpdatedUtc = nowUtc;
    }

    public void Cancel(string? reason, DateTime nowUtc)
    {
        EnsureActive("be cancelled");
        Status = AppointmentStatus.Cancelled;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        UpdatedUtc = nowUtc;
    }

    public void Complete(DateTime nowUtc)
    {
        EnsureActive("be completed");
        if (StartUtc > nowUtc)
        {
            throw new DomainException("appointment.not_started", "An appointment cannot be completed before it starts.");
        }
        Status = AppointmentStatus.Completed;
        UpdatedUtc = nowUtc;
    }

    public void MarkNoShow(DateTime nowUtc)
    {
        EnsureActive("be marked as a no-show");
        if (StartUtc > nowUtc)
        {
            throw new DomainException("appointment.not_started", "A customer cannot miss an appointment that has not started.");
        }
        Status = AppointmentStatus.NoShow;
        UpdatedUtc = nowUtc;
    }

    public void ChangeNotes(string? notes, DateTime nowUtc)
    {
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        UpdatedUtc = nowUtc;
    }

    public bool Overlaps(DateTime startUtc, DateTime endUtc) => StartUtc < endUtc && startUtc < EndUtc;

    private void EnsureActive(string consequence)
    {
        if (!IsActive)
        {
            throw new DomainException("appointment.not_active",
                $"A {Status.ToString().ToLowerInvariant()} appointment cannot {consequence}.");
        }
    }

    private static void EnsureValidRange(DateTime startUtc, DateTime endUtc)
    {
        if (endUtc <= startUtc)
        {
            throw new DomainException("appointment.end_before_start", "An appointment must end after it starts.");
        }
        if (startUtc.Kind == DateTimeKind.Local || endUtc.Kind == DateTimeKind.Local)
        {
            throw new DomainException("appointment.not_utc", "Appointment times are stored in UTC.");
        }
    }
}
