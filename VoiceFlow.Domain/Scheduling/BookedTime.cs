using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// A time a staff member is taken, as availability needs it: an active appointment (its service gives the buffers
/// around it) or, with no service, a busy time from the staff member's own calendar. Loaded as this narrow projection
/// on the booking paths, both kinds in one query, instead of whole entities.
/// </summary>
public readonly record struct BookedTime(Guid StaffMemberId, Guid? ServiceId, DateTime StartUtc, DateTime EndUtc)
{
    public static BookedTime Of(Appointment appointment) =>
        new(appointment.StaffMemberId, appointment.ServiceId, appointment.StartUtc, appointment.EndUtc);

    public static BookedTime Of(ExternalBusyTime busy) => new(busy.StaffMemberId, null, busy.StartUtc, busy.EndUtc);
}
