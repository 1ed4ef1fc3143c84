using VoiceFlow.Domain.Messaging;

namespace VoiceFlow.Web.Features.Customers;

/// <summary>An SMS about one of this customer's appointments, for the profile's messages tab.</summary>
public sealed record CustomerMessage(Guid Id, string Topic, OutboxStatus Status, DateTime AtLocal, string? Error);
