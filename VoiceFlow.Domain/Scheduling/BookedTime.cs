using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// What availability needs of an active appointment: who is busy, for which service (its buffers), from when to when.
/// Loaded as this narrow projection on the booking paths instead of whole appointments.
/// </summary>
public readonly record struct BookedTime(Guid StaffMemberId, Guid ServiceId, DateTime StartUtc, DateTime EndUtc)
{
    public static BookedTime Of(Appointment appointment) =>
        new(appointment.StaffMemberId, appointment.ServiceId, appointment.StartUtc, appointment.EndUtc);
}
