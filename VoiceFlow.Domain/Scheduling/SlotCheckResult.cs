namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// The answer to "can I book this exact time?". <see cref="Error"/> is set for bad input or setup
/// (unknown service...); otherwise <see cref="Reason"/> says why the time is not bookable, or it is
/// <see cref="SlotUnavailableReason.None"/> and <see cref="Slot"/> carries the chosen staff member.
/// </summary>
public sealed record SlotCheckResult(AvailabilityError Error, SlotUnavailableReason Reason, AvailableSlot? Slot)
{
    public bool IsBookable => Error == AvailabilityError.None && Reason == SlotUnavailableReason.None && Slot is not null;

    internal static SlotCheckResult Failure(AvailabilityError error) => new(error, SlotUnavailableReason.None, null);

    internal static SlotCheckResult Unavailable(SlotUnavailableReason reason) => new(AvailabilityError.None, reason, null);
}
