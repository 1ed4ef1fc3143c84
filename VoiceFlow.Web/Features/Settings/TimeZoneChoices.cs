using NodaTime.TimeZones;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>IANA zones for the time zone picker: Canadian zones first (west to east), then every other zone.</summary>
public static class TimeZoneChoices
{
    private static readonly Lazy<IReadOnlyList<string>> CanadianZones = new(() =>
        (TzdbDateTimeZoneSource.Default.ZoneLocations ?? [])
            .Where(z => z.CountryCode == "CA")
            .OrderBy(z => z.Longitude)
            .Select(z => z.ZoneId)
            .ToList());

    private static readonly Lazy<IReadOnlyList<string>> AllZones = new(() =>
        CanadianZones.Value
            .Concat(TzdbDateTimeZoneSource.Default.CanonicalIdMap.Values.Distinct()
                .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
                .Except(CanadianZones.Value)
                .Order(StringComparer.Ordinal))
            .ToList());

    public static IReadOnlyList<string> Canadian => CanadianZones.Value;

    public static IReadOnlyList<string> All => AllZones.Value;

    public static bool IsCanadian(string zoneId) => CanadianZones.Value.Contains(zoneId);
}
