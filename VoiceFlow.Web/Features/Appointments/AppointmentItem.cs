using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>An appointment as the calendar and the list show it; times are the business's wall clock.</summary>
public sealed record AppointmentItem(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    Guid ServiceId,
    string ServiceName,
    string Color,
    Guid StaffMemberId,
    string StaffName,
    DateTime StartLocal,
    DateTime EndLocal,
    AppointmentStatus Status,
    AppointmentSource Source);
