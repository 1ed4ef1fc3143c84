namespace VoiceFlow.Testing;

/// <summary>A clock for tests: starts where told, moves only when told.</summary>
public sealed class FixedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
