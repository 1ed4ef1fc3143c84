using NodaTime;

namespace VoiceFlow.Domain.Conversation;

/// <summary>A bookable time as the app found it: the instant, the business-local wall time, and who with.</summary>
public sealed record SlotOption(DateTime StartUtc, LocalDateTime StartLocal, Guid StaffMemberId);
