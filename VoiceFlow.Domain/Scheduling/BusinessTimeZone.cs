using NodaTime;
using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// Converts between a business's local wall time (IANA zone) and UTC instants, with the DST
/// decisions made explicit:
/// <list type="bullet">
/// <item>A local time in a spring-forward gap (02:30 on 2026-03-08 in Toronto) does not exist:
/// the result is <see cref="LocalTimeStatus.Skipped"/> with no instant. We never shift it silently.</item>
/// <item>A local time in a fall-back overlap (01:30 on 2026-11-01 in Toronto) occurs twice: we pick
/// the earlier instant (the daylight-saving offset) and report the later one alongside.</item>
/// </list>
/// </summary>
public static class BusinessTimeZone
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Maps a local date and time in <paramref name="timeZoneId"/> to UTC.</summary>
    public static LocalTimeResolution ToUtc(string timeZoneId, DateOnly date, TimeOnly time)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId);
        return zone is null
            ? new LocalTimeResolution(LocalTimeStatus.UnknownTimeZone, null, null)
            : ToUtc(zone, date, time);
    }

    /// <summary>Shows a UTC instant on the wall clock of <paramref name="timeZoneId"/>.</summary>
    /// <exception cref="DomainException">The zone id is unknown, or the instant is a local time.</exception>
    public static LocalMoment ToLocal(string timeZoneId, DateTime utc)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId)
            ?? throw new DomainException("time_zone.unknown", $"'{timeZoneId}' is not an IANA time zone.");
        return ToLocal(zone, utc);
    }

    internal static LocalTimeResolution ToUtc(DateTimeZone zone, DateOnly date, TimeOnly time)
    {
        var local = LocalDate.FromDateOnly(date) + LocalTime.FromTimeOnly(time);
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            0 => new LocalTimeResolution(LocalTimeStatus.Skipped, null, null),
            1 => new LocalTimeResolution(LocalTimeStatus.Unique, mapping.First().ToDateTimeUtc(), null),
            _ => new LocalTimeResolution(LocalTimeStatus.Ambiguous, mapping.First().ToDateTimeUtc(), mapping.Last().ToDateTimeUtc()),
        };
    }

    internal static LocalMoment ToLocal(DateTimeZone zone, DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new DomainException("time_zone.not_utc", "Instants are given in UTC.");
        }
        var offsetTicks = OffsetTicksAt(zone, utc.Ticks);
        var wall = utc.Ticks + offsetTicks;
        return new LocalMoment(
            DateOnly.FromDayNumber((int)(wall / TimeSpan.TicksPerDay)),
            new TimeOnly(wall % TimeSpan.TicksPerDay),
            TimeSpan.FromTicks(offsetTicks));
    }

    internal static long OffsetTicksAt(DateTimeZone zone, long utcTicks) =>
        zone.GetUtcOffset(ToInstant(utcTicks)).Ticks;

    internal static Instant ToInstant(long utcTicks) => Instant.FromUnixTimeTicks(utcTicks - UnixEpochTicks);

    internal static long ToTicks(Instant instant) => instant.ToUnixTimeTicks() + UnixEpochTicks;
}
