namespace VoiceFlow.Domain.Scheduling;

/// <summary>What is being booked: a service, with one staff member or anyone (<see cref="StaffMemberId"/> null), asked at <see cref="NowUtc"/>.</summary>
public sealed record SlotQuery(Guid ServiceId, Guid? StaffMemberId, DateTime NowUtc);
