namespace VoiceFlow.Web.Api;

/// <summary>A bookable time: UTC instants, the business's wall clock alongside, and who would do it.</summary>
public sealed record SlotDto(DateTime StartUtc, DateTime EndUtc, DateTimeOffset StartLocal, Guid StaffMemberId);
