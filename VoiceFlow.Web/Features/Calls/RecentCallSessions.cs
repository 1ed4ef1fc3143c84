using System.Collections.Concurrent;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// The sessions this instance saved last, kept in memory for the call's next webhook, which then need not read the
/// session store. Every save gives the session a new version, and the TwiML of that step names it in its action URLs
/// (Twilio signs them as they are); a webhook continues the copy kept here only when its URL names this copy's version.
/// When another instance took a step since, the versions differ and the store is read, as it is for a webhook without
/// a version (the simulator, an older TwiML) or after this instance forgot the call. A copy is taken out, not shared:
/// a retried webhook running beside the first one reads the store. Copies are forgotten when their call ends, and
/// after <see cref="KeepFor"/> at the latest.
/// </summary>
public sealed class RecentCallSessions(TimeProvider time)
{
    /// <summary>Long enough for a caller's answer, a voicemail or a short transfer; a later webhook reads the store.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Kept> _sessions = new(StringComparer.Ordinal);
    private long _nextSweep;

    private sealed record Kept(CallSession Session, DateTimeOffset Until);

    public int Count => _sessions.Count;

    /// <summary>A new version for a session about to be saved (unique enough: random, 64 bits).</summary>
    public static string NewVersion() => Random.Shared.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Keeps the session just saved (with its version) for the call's next webhook.</summary>
    public void Keep(CallSession session)
    {
        var now = time.GetUtcNow();
        _sessions[session.CallSid] = new Kept(session, now + KeepFor);
        // Now and then, the copies whose call never came back (hung up without a status callback, or went elsewhere).
        if (now.UtcTicks >= Volatile.Read(ref _nextSweep))
        {
            Volatile.Write(ref _nextSweep, (now + TimeSpan.FromSeconds(30)).UtcTicks);
            foreach (var (callSid, kept) in _sessions)
            {
                if (kept.Until < now)
                {
                    _sessions.TryRemove(new KeyValuePair<string, Kept>(callSid, kept));
                }
            }
        }
    }

    /// <summary>The kept session of the call if it is the version the webhook continues, taken out; otherwise null.</summary>
    public CallSession? Take(string callSid, string? version)
    {
        if (string.IsNullOrEmpty(version) || !_sessions.TryRemove(callSid, out var kept))
        {
            return null;
        }
        return kept.Session.Version == version && kept.Until >= time.GetUtcNow() ? kept.Session : null;
    }

    public void Forget(string callSid) => _sessions.TryRemove(callSid, out _);
}
