using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;
using VoiceFlow.Infrastructure.Calendar;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// Instants to and from Google's event times. We write RFC 3339 with the business's offset at that instant plus the
/// IANA zone, so Google shows the same wall time VoiceFlow does on both sides of a DST change. We read the offset
/// Google gives; a dateTime without an offset is read in the event's (or else the business's) zone, a time in a
/// spring-forward gap moving forward by the gap and an ambiguous fall-back time taking the earlier instant.
/// All-day events (date only) and anything unreadable give null: skipped, never guessed.
/// </summary>
public static class CalendarEventTimes
{
    private static readonly OffsetDateTimePattern Rfc3339 = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern LocalIso = LocalDateTimePattern.ExtendedIso;

    public static GoogleEventTime ToGoogle(DateTime utc, string timeZoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? DateTimeZone.Utc;
        var zoned = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone);
        return new GoogleEventTime
        {
            DateTime = zoned.ToOffsetDateTime().ToString("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>", CultureInfo.InvariantCulture),
            TimeZone = zone.Id,
        };
    }

    /// <summary>The instant of a timed start/end, or null for an all-day or malformed one.</summary>
    public static DateTime? ToUtc(GoogleEventTime? time, string fallbackZoneId)
    {
        if (time?.DateTime is not { Length: > 0 } text)
        {
            return null;
        }
        var withOffset = Rfc3339.Parse(text);
        if (withOffset.Success)
        {
            return withOffset.Value.ToInstant().ToDateTimeUtc();
        }
        var local = LocalIso.Parse(text);
        if (!local.Success)
        {
            return null;
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(time.TimeZone ?? fallbackZoneId) ?? DateTimeZoneProviders.Tzdb.GetZoneOrNull(fallbackZoneId);
        return zone is null ? null : zone.ResolveLocal(local.Value, Resolvers.LenientResolver).ToDateTimeUtc();
    }
}
