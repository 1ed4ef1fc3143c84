using VoiceFlow.Web.Features.Appointments;

namespace VoiceFlow.Web.Features.Customers;

/// <summary>Everything the profile page shows about one customer.</summary>
public sealed record CustomerProfile(
    Guid Id,
    string Name,
    string PhoneE164,
    string Phone,
    string? Email,
    string Language,
    bool SmsOptedOut,
    string? Notes,
    DateTime CreatedLocal,
    IReadOnlyList<AppointmentItem> Appointments,
    IReadOnlyList<CustomerCall> Calls,
    IReadOnlyList<CustomerMessage> Messages);
