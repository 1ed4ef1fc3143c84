namespace VoiceFlow.Web.Api;

/// <summary>A customer in a list: phone as E.164 where known, next appointment and last call as UTC instants.</summary>
public sealed record CustomerDto(Guid Id, string Name, string Phone, string Language, bool SmsOptedOut, DateTime? NextAppointmentUtc, DateTime? LastCallUtc);
