namespace VoiceFlow.Domain.Appointments;

public enum AppointmentStatus
{
    Booked,
    Confirmed,
    Cancelled,
    Completed,
    NoShow,
}
