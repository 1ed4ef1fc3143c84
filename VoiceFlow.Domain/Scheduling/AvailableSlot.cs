namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// A bookable time: the service runs from <see cref="StartUtc"/> to <see cref="EndUtc"/> (real
/// elapsed time) with <see cref="StaffMemberId"/>. <see cref="LocalDate"/>, <see cref="LocalTime"/>
/// and <see cref="UtcOffset"/> are how the business's wall clock shows the start; in a fall-back
/// overlap two slots may share a local time and differ by offset.
/// </summary>
public readonly record struct AvailableSlot(
    DateTime StartUtc,
    DateTime EndUtc,
    Guid StaffMemberId,
    DateOnly LocalDate,
    TimeOnly LocalTime,
    TimeSpan UtcOffset);
