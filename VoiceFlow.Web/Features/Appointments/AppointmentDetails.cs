using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>Everything the details dialog shows about one appointment.</summary>
public sealed record AppointmentDetails(
    AppointmentItem Item,
    string CustomerPhone,
    DateTime StartUtc,
    string? Notes,
    string? CancellationReason,
    DateTime CreatedLocal)
{
    public bool IsActive => Item.Status is AppointmentStatus.Booked or AppointmentStatus.Confirmed;
}
