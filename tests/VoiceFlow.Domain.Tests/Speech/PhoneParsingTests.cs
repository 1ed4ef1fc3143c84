using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

public class PhoneParsingTests
{
    [Theory]
    [InlineData("416-555-0123", "+14165550123")]
    [InlineData("(416) 555-0123", "+14165550123")]
    [InlineData("416.555.0123", "+14165550123")]
    [InlineData("4165550199", "+14165550199")]
    [InlineData("1 416 555 0123", "+14165550123")]
    [InlineData("1-416-555-0123", "+14165550123")]
    [InlineData("+1 416 555 0123", "+14165550123")]
    [InlineData("my number is 416 555 0123 thanks", "+14165550123")]
    [InlineData("area code 416 555 0123", "+14165550123")]
    [InlineData("(514) 555-0123 ext 45", "+15145550123")]
    [InlineData("514-555-0123 x45", "+15145550123")]
    [InlineData("four one six five five five oh one two three", "+14165550123")]
    [InlineData("four one six, five five five, zero one two three", "+14165550123")]
    [InlineData("area code four one six five five five oh one two three", "+14165550123")]
    [InlineData("one four one six five five five oh one two three", "+14165550123")]
    [InlineData("it's four sixteen five fifty five oh one twenty three", "+14165550123")]
    [InlineData("four one six double five five oh one two three", "+14165550123")]
    [InlineData("five one four triple five oh one two three", "+15145550123")]
    [InlineData("six one three five five five one two three four", "+16135551234")]
    [InlineData("four one six five five five oh one to three", "+14165550123")]
    [InlineData("for one six five five five oh one two three", "+14165550123")]
    [InlineData("four one six five five five oh one two tree", null)]
    [InlineData("Four One Six. Five Five Five. Zero One Two Three.", "+14165550123")]
    [InlineData("um four one six uh five five five oh one two three", "+14165550123")]
    [InlineData("416 five five five oh one two three", "+14165550123")]
    [InlineData("cinq un quatre cinq cinq cinq zéro un deux trois", "+15145550123")]
    [InlineData("cinq un quatre, cinq cinq cinq, zéro cent vingt-trois", "+15145550123")]
    [InlineData("cinq cent quatorze cinq cent cinquante-cinq zéro un vingt-trois", "+15145550123")]
    [InlineData("le quatre un huit, cinq cinq cinq, zéro un deux trois", "+14185550123")]
    [InlineData("indicatif régional quatre cinq zéro cinq cinq cinq zéro un deux trois", "+14505550123")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("tel:541-754-3010", "+15417543010")]
    [InlineData("001-541-754-3010", "+15417543010")]
    [InlineData("+1.541.754.3010", "+15417543010")]
    [InlineData("1 (541) 754-3010", "+15417543010")]
    [InlineData("+15417543010", "+15417543010")]
    [InlineData("1-800-555-0199", "+18005550199")]
    [InlineData("four one six five five five oh one two", null)]
    [InlineData("555 0123", null)]
    [InlineData("five five five oh one two three", null)]
    [InlineData("", null)]
    [InlineData("I don't know my number", null)]
    [InlineData("911-67-0060", null)]
    [InlineData("6011-0000-0000-0004", null)]
    [InlineData("16/04/2010", null)]
    [InlineData("next tuesday at 3", null)]
    public void ParsePhone_CanadianWays_NormalisesToE164(string text, string? expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.ParsePhone(text));
    }
}
