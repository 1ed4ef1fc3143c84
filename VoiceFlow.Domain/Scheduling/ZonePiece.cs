namespace VoiceFlow.Domain.Scheduling;

/// <summary>A stretch of UTC time [StartTicks, EndTicks) over which the zone's offset is constant.</summary>
internal readonly record struct ZonePiece(long StartTicks, long EndTicks, long OffsetTicks);
