namespace VoiceFlow.Web.Features.Messaging;

/// <summary>The JSON payload of an SMS outbox row: ids to render from at send time, plus where and how to send.</summary>
public sealed record SmsPayload(Guid AppointmentId, Guid CustomerId, string? To, string? Language, DateTime? StartUtc = null);
