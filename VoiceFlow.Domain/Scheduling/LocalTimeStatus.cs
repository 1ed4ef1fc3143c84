namespace VoiceFlow.Domain.Scheduling;

/// <summary>How a local date and time in a business's time zone maps to instants.</summary>
public enum LocalTimeStatus
{
    /// <summary>The wall time occurs exactly once.</summary>
    Unique,

    /// <summary>The wall time occurs twice (fall-back overlap); the earlier instant (the summer offset) was chosen.</summary>
    Ambiguous,

    /// <summary>The wall time never occurs (spring-forward gap); there is no instant.</summary>
    Skipped,

    /// <summary>The time zone id is not an IANA (TZDB) id.</summary>
    UnknownTimeZone,
}
