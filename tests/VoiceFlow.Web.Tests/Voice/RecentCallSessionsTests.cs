using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Calls;

namespace VoiceFlow.Web.Tests.Voice;

public sealed class RecentCallSessionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private static CallSession Saved(string callSid) => new() { CallSid = callSid, Version = RecentCallSessions.NewVersion() };

    [Fact]
    public void A_kept_session_is_taken_once_and_only_for_its_own_version()
    {
        var recent = new RecentCallSessions(new FixedTimeProvider(Now));
        var first = Saved("CA1");
        recent.Keep(first);

        Assert.Null(recent.Take("CA1", null));
        Assert.Same(first, recent.Take("CA1", first.Version));
        // Taken out: a retried webhook running beside the first one reads the store.
        Assert.Null(recent.Take("CA1", first.Version));

        // Another instance took a step since: the URL names a version this instance never saved.
        var second = Saved("CA1");
        recent.Keep(second);
        Assert.Null(recent.Take("CA1", RecentCallSessions.NewVersion()));
        Assert.Null(recent.Take("CA1", second.Version));
    }

    [Fact]
    public void A_session_is_forgotten_when_its_call_ends_or_after_the_keeping_time()
    {
        var clock = new FixedTimeProvider(Now);
        var recent = new RecentCallSessions(clock);
        var ended = Saved("CA-ended");
        var late = Saved("CA-late");
        recent.Keep(ended);
        recent.Keep(late);

        recent.Forget("CA-ended");
        Assert.Null(recent.Take("CA-ended", ended.Version));

        clock.Advance(RecentCallSessions.KeepFor + TimeSpan.FromSeconds(1));
        Assert.Null(recent.Take("CA-late", late.Version));
    }

    [Fact]
    public void Sessions_whose_calls_never_came_back_are_swept_away()
    {
        var clock = new FixedTimeProvider(Now);
        var recent = new RecentCallSessions(clock);
        for (var i = 0; i < 100; i++)
        {
            recent.Keep(Saved($"CA-gone-{i}"));
        }
        Assert.Equal(100, recent.Count);

        clock.Advance(RecentCallSessions.KeepFor + TimeSpan.FromMinutes(1));
        var current = Saved("CA-current");
        recent.Keep(current);

        Assert.Equal(1, recent.Count);
        Assert.Same(current, recent.Take("CA-current", current.Version));
    }

    [Fact]
    public void Versions_do_not_repeat()
    {
        var versions = Enumerable.Range(0, 10_000).Select(_ => RecentCallSessions.NewVersion()).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.All(versions, v => Assert.Matches("^[0-9a-f]{16}$", v));
    }
}
