namespace VoiceFlow.Web.Api;

/// <summary>
/// Book an appointment. The customer is either <see cref="CustomerId"/> or a name and phone number (found by phone, created when new).
/// <see cref="Start"/> is ISO-8601 with an offset (Z for UTC). Send an <c>Idempotency-Key</c> header to make retries harmless.
/// </summary>
public sealed record BookAppointmentRequest(
    Guid? ServiceId,
    DateTimeOffset? Start,
    Guid? StaffMemberId = null,
    Guid? CustomerId = null,
    string? CustomerName = null,
    string? CustomerPhone = null,
    string? CustomerLanguage = null,
    string? Notes = null);
