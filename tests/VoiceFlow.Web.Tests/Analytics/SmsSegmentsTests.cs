using VoiceFlow.Web.Features.Analytics;

namespace VoiceFlow.Web.Tests.Analytics;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("C", 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Count_GsmText_SplitsAt160Then153(object text, int expected)
    {
        var value = text is int length ? new string('a', length) : (string)text;
        Assert.Equal(expected, SmsSegments.Count(value));
    }

    [Fact]
    public void Count_FrenchAccentsInGsm_StayGsm_OthersSwitchToUcs2()
    {
        Assert.Equal(1, SmsSegments.Count("Répondez C pour confirmer, à bientôt".Replace("ô", "o", StringComparison.Ordinal)));
        Assert.Equal(1, SmsSegments.Count(new string('é', 160)));
        Assert.Equal(2, SmsSegments.Count(new string('ê', 71)));       // ê is not GSM-7: UCS-2, 67 per segment when split
        Assert.Equal(1, SmsSegments.Count(new string('ê', 70)));
        Assert.Equal(2, SmsSegments.Count(new string('€', 81)));       // € counts twice in GSM-7: 162 septets
    }
}
