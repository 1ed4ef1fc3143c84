namespace VoiceFlow.Domain.Scheduling;

/// <summary>What availability needs of a service, in ticks.</summary>
internal readonly record struct ServiceTiming(long DurationTicks, long BufferBeforeTicks, long BufferAfterTicks, bool IsActive);
