namespace VoiceFlow.Domain.Appointments;

public enum AppointmentSource
{
    Phone,
    Portal,
    Api,
    Calendar,
    Sms,
}
