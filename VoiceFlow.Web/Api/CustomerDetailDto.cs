namespace VoiceFlow.Web.Api;

/// <summary>One customer with contact details, notes, appointments (newest activity first) and recent calls.</summary>
public sealed record CustomerDetailDto(
    Guid Id,
    string Name,
    string Phone,
    string? Email,
    string Language,
    bool SmsOptedOut,
    string? Notes,
    DateTime CreatedUtc,
    IReadOnlyList<AppointmentDto> Appointments,
    IReadOnlyList<CallDto> Calls);
