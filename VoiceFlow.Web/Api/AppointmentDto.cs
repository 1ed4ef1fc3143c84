using System.Text.Json.Serialization;
using VoiceFlow.Domain.Appointments;

namespace VoiceFlow.Web.Api;

/// <summary>An appointment: instants in UTC, the business's wall clock alongside (with its offset).</summary>
public sealed record AppointmentDto(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    Guid ServiceId,
    string ServiceName,
    Guid StaffMemberId,
    string StaffName,
    DateTime StartUtc,
    DateTime EndUtc,
    DateTimeOffset StartLocal,
    DateTimeOffset EndLocal,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AppointmentStatus>))] AppointmentStatus Status,
    [property: JsonConverter(typeof(JsonStringEnumConverter<AppointmentSource>))] AppointmentSource Source,
    string? CustomerPhone = null,
    string? Notes = null,
    string? CancellationReason = null);
