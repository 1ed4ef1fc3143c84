namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// The result of mapping a local date and time to UTC. When <see cref="Status"/> is
/// <see cref="LocalTimeStatus.Ambiguous"/>, <see cref="Utc"/> is the earlier instant and
/// <see cref="LaterUtc"/> the second occurrence of the same wall time. When the time is
/// <see cref="LocalTimeStatus.Skipped"/> or the zone is unknown, there is no instant.
/// </summary>
public readonly record struct LocalTimeResolution(LocalTimeStatus Status, DateTime? Utc, DateTime? LaterUtc)
{
    public bool Exists => Status is LocalTimeStatus.Unique or LocalTimeStatus.Ambiguous;
}
