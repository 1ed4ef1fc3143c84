using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>
/// A request to book. The customer is either known (<see cref="CustomerId"/>) or identified by phone number,
/// created when new. <see cref="IdempotencyKey"/> (the CallSid for phone bookings) makes repeats harmless.
/// </summary>
public sealed record BookingRequest(
    Guid ServiceId,
    Guid? StaffMemberId,
    DateTime StartUtc,
    AppointmentSource Source,
    string Actor,
    Guid? CustomerId = null,
    string? CustomerName = null,
    string? CustomerPhone = null,
    string? CustomerLanguage = null,
    string? IdempotencyKey = null,
    string? Notes = null,
    bool AllowSameDayDuplicate = false);
