using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>What happened to a booking, reschedule or life-cycle request. Never an exception for a business reason.</summary>
public sealed record BookingResult(
    BookingStatus Status,
    AppointmentSummary? Appointment = null,
    string? Code = null,
    string? Message = null,
    SlotUnavailableReason Reason = SlotUnavailableReason.None,
    IReadOnlyList<AvailableSlot>? Alternatives = null)
{
    public bool Succeeded => Status is BookingStatus.Booked or BookingStatus.AlreadyBooked;

    public IReadOnlyList<AvailableSlot> AlternativeSlots => Alternatives ?? [];

    public static BookingResult Invalid(string code, string message) => new(BookingStatus.Invalid, Code: code, Message: message);
}
