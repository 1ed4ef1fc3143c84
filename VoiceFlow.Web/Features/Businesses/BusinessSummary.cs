using NodaTime;

namespace VoiceFlow.Web.Features.Businesses;

/// <summary>What every page needs to know about the signed-in user's business.</summary>
public sealed record BusinessSummary(Guid Id, string Name, string TimeZoneId, string DefaultLanguage)
{
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZoneId) ?? DateTimeZone.Utc;

    /// <summary>An instant shown in the business's time zone.</summary>
    public DateTime ToLocal(DateTime utc) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Zone).LocalDateTime.ToDateTimeUnspecified();

    public LocalDate Today(TimeProvider time) => Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(Zone).Date;

    /// <summary>The UTC instant a local day starts (midnight, or the first moment after a DST gap).</summary>
    public DateTime StartOfDayUtc(LocalDate day) => Zone.AtStartOfDay(day).ToDateTimeUtc();

    /// <summary>Short zone name for labels: EST/EDT and so on.</summary>
    public string ZoneAbbreviation(DateTime utc) =>
        Zone.GetZoneInterval(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).Name;

    /// <summary>A wall-clock time of the business as a UTC instant (the earlier one in a fall-back overlap, shifted forward in a gap).</summary>
    public DateTime ToUtc(DateTime local) =>
        LocalDateTime.FromDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)).InZoneLeniently(Zone).ToDateTimeUtc();

    /// <summary>The zone's city for labels: "America/Toronto" is "Toronto".</summary>
    public string ZoneCity => TimeZoneId[(TimeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
}
