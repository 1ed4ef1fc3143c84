using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>The list view's filters; dates are local days of the business, inclusive.</summary>
public sealed record AppointmentFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    AppointmentStatus? Status = null,
    Guid? StaffMemberId = null,
    Guid? ServiceId = null,
    string? Customer = null);
