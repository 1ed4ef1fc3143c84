using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Domain.Tests.Scheduling;

public class BusinessTimeZoneTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("America/Toronto", 2026, 6, 15, 9, 0, 13, 0)]
    [InlineData("America/Toronto", 2026, 1, 15, 9, 0, 14, 0)]
    [InlineData("America/Vancouver", 2026, 6, 15, 9, 0, 16, 0)]
    [InlineData("America/Halifax", 2026, 1, 15, 9, 0, 13, 0)]
    [InlineData("America/St_Johns", 2026, 1, 15, 9, 0, 12, 30)]
    [InlineData("America/St_Johns", 2026, 6, 15, 9, 0, 11, 30)]
    public void ToUtc_OrdinaryTime_IsUnique(string zone, int y, int mo, int d, int h, int mi, int utcH, int utcMi)
    {
        var result = BusinessTimeZone.ToUtc(zone, new DateOnly(y, mo, d), new TimeOnly(h, mi));
        Assert.Equal(LocalTimeStatus.Unique, result.Status);
        Assert.Equal(Utc(y, mo, d, utcH, utcMi), result.Utc);
        Assert.Null(result.LaterUtc);
    }

    [Theory]
    [InlineData("America/Toronto")]
    [InlineData("America/Vancouver")]
    [InlineData("America/Halifax")]
    [InlineData("America/St_Johns")]
    public void ToUtc_SpringForwardGap_IsSkippedWithNoInstant(string zone)
    {
        var result = BusinessTimeZone.ToUtc(zone, new DateOnly(2026, 3, 8), new TimeOnly(2, 30));
        Assert.Equal(LocalTimeStatus.Skipped, result.Status);
        Assert.False(result.Exists);
        Assert.Null(result.Utc);
    }

    [Theory]
    [InlineData("America/Toronto", 5, 30, 6, 30)]
    [InlineData("America/Halifax", 4, 30, 5, 30)]
    [InlineData("America/St_Johns", 4, 0, 5, 0)]
    public void ToUtc_FallBackOverlap_PicksEarlierOffsetAndReportsLater(string zone, int earlyH, int earlyMi, int lateH, int lateMi)
    {
        var result = BusinessTimeZone.ToUtc(zone, new DateOnly(2026, 11, 1), new TimeOnly(1, 30));
        Assert.Equal(LocalTimeStatus.Ambiguous, result.Status);
        Assert.Equal(Utc(2026, 11, 1, earlyH, earlyMi), result.Utc);
        Assert.Equal(Utc(2026, 11, 1, lateH, lateMi), result.LaterUtc);
    }

    [Fact]
    public void ToUtc_Vancouver2026_NoFallBackUnderPermanentUtcMinus7()
    {
        // The TZDB shipped with NodaTime 3.3.7 has British Columbia staying at UTC-7 from 2026-11-01.
        var result = BusinessTimeZone.ToUtc("America/Vancouver", new DateOnly(2026, 11, 1), new TimeOnly(1, 30));
        Assert.Equal(LocalTimeStatus.Unique, result.Status);
        Assert.Equal(Utc(2026, 11, 1, 8, 30), result.Utc);
    }

    [Fact]
    public void ToUtc_UnknownZone_ReturnsUnknownTimeZone()
    {
        var result = BusinessTimeZone.ToUtc("Mars/Olympus_Mons", new DateOnly(2026, 6, 15), new TimeOnly(9, 0));
        Assert.Equal(LocalTimeStatus.UnknownTimeZone, result.Status);
    }

    [Fact]
    public void ToLocal_HalfHourZone_ShowsWallClockAndOffset()
    {
        var local = BusinessTimeZone.ToLocal("America/St_Johns", Utc(2026, 1, 15, 12, 30));
        Assert.Equal(new LocalMoment(new DateOnly(2026, 1, 15), new TimeOnly(9, 0), TimeSpan.FromHours(-3.5)), local);
    }

    [Fact]
    public void ToLocal_BothOccurrencesOfOverlap_SameWallTimeDifferentOffsets()
    {
        var first = BusinessTimeZone.ToLocal("America/Toronto", Utc(2026, 11, 1, 5, 30));
        var second = BusinessTimeZone.ToLocal("America/Toronto", Utc(2026, 11, 1, 6, 30));
        Assert.Equal(new TimeOnly(1, 30), first.Time);
        Assert.Equal(new TimeOnly(1, 30), second.Time);
        Assert.Equal(TimeSpan.FromHours(-4), first.Offset);
        Assert.Equal(TimeSpan.FromHours(-5), second.Offset);
    }

    [Fact]
    public void ToLocal_RoundTripsToUtc()
    {
        var utc = Utc(2026, 3, 8, 7, 15);
        var local = BusinessTimeZone.ToLocal("America/Toronto", utc);
        Assert.Equal(new TimeOnly(3, 15), local.Time);
        Assert.Equal(utc, BusinessTimeZone.ToUtc("America/Toronto", local.Date, local.Time).Utc);
    }

    [Fact]
    public void ToLocal_UnknownZone_ThrowsDomainException()
    {
        var ex = Assert.Throws<DomainException>(() => BusinessTimeZone.ToLocal("Nowhere/Land", Utc(2026, 1, 1, 0)));
        Assert.Equal("time_zone.unknown", ex.Code);
    }
}
