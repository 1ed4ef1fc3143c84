namespace VoiceFlow.Domain.Scheduling;

/// <summary>Free slots in order, or the reason the question could not be answered.</summary>
public sealed record AvailabilityResult(AvailabilityError Error, IReadOnlyList<AvailableSlot> Slots)
{
    public bool IsSuccess => Error == AvailabilityError.None;

    internal static AvailabilityResult Failure(AvailabilityError error) => new(error, []);
}
