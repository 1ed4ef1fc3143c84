namespace VoiceFlow.Web.Features.Customers;

/// <summary>A row of the customers grid; times are the business's wall clock.</summary>
public sealed record CustomerRow(
    Guid Id,
    string Name,
    string Phone,
    DateTime? NextAppointmentLocal,
    DateTime? LastCallLocal,
    string Language,
    bool SmsOptedOut);
