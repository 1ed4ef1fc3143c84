using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>An appointment as callers of the booking service see it.</summary>
public sealed record AppointmentSummary(
    Guid Id,
    Guid CustomerId,
    Guid ServiceId,
    Guid StaffMemberId,
    DateTime StartUtc,
    DateTime EndUtc,
    AppointmentStatus Status)
{
    public static AppointmentSummary From(Appointment a) => new(a.Id, a.CustomerId, a.ServiceId, a.StaffMemberId, a.StartUtc, a.EndUtc, a.Status);
}
