using NodaTime;
using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

public class SpeechFormatterTests
{
    [Theory]
    [InlineData(2026, 12, 1, 10, 0, "en-CA", "Tuesday, December 1st at 10 AM")]
    [InlineData(2026, 12, 1, 15, 30, "en-CA", "Tuesday, December 1st at 3:30 PM")]
    [InlineData(2026, 12, 2, 12, 0, "en-CA", "Wednesday, December 2nd at noon")]
    [InlineData(2026, 12, 3, 9, 5, "en-CA", "Thursday, December 3rd at 9:05 AM")]
    [InlineData(2026, 12, 11, 0, 0, "en-CA", "Friday, December 11th at midnight")]
    [InlineData(2026, 12, 22, 13, 0, "en-CA", "Tuesday, December 22nd at 1 PM")]
    [InlineData(2026, 12, 1, 10, 0, "fr-CA", "mardi 1er décembre à 10 h")]
    [InlineData(2026, 12, 1, 15, 30, "fr-CA", "mardi 1er décembre à 15 h 30")]
    [InlineData(2026, 12, 2, 12, 0, "fr-CA", "mercredi 2 décembre à midi")]
    [InlineData(2027, 8, 16, 9, 5, "fr-CA", "lundi 16 août à 9 h 05")]
    public void FormatDateTime_SaysItLikePeople(int y, int mo, int d, int h, int mi, string locale, string expected)
    {
        Assert.Equal(expected, SpeechFormatter.FormatDateTime(new LocalDateTime(y, mo, d, h, mi), locale));
    }

    [Theory]
    [InlineData(10, 0, "en-CA", "10 AM")]
    [InlineData(15, 30, "en-CA", "3:30 PM")]
    [InlineData(15, 30, "fr-CA", "15 h 30")]
    [InlineData(0, 0, "fr-CA", "minuit")]
    public void FormatTime_NoSecondsNoIso(int h, int m, string locale, string expected)
    {
        Assert.Equal(expected, SpeechFormatter.FormatTime(new LocalTime(h, m, 45), locale));
    }
}
