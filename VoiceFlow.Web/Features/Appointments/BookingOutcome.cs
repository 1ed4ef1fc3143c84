namespace VoiceFlow.Web.Features.Appointments;

/// <summary>How the booking dialog closed: a new appointment, or the existing one the user chose to open instead.</summary>
public sealed record BookingOutcome(Guid AppointmentId, bool Booked);
