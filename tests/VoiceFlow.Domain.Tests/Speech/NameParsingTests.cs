using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

public class NameParsingTests
{
    [Theory]
    [InlineData("it's Jean-François Tremblay", "Jean-François Tremblay")]
    [InlineData("my name is Mary O'Brien", "Mary O'Brien")]
    [InlineData("my name is mary o'brien", "Mary O'Brien")]
    [InlineData("Smith, S-M-I-T-H", "Smith")]
    [InlineData("john mcdonald", "John McDonald")]
    [InlineData("angus macdonald", "Angus MacDonald")]
    [InlineData("MACLEOD", "MacLeod")]
    [InlineData("mackenzie", "Mackenzie")]
    [InlineData("mack", "Mack")]
    [InlineData("marie-ève gagnon", "Marie-Ève Gagnon")]
    [InlineData("je m'appelle Marie-Ève Gagnon", "Marie-Ève Gagnon")]
    [InlineData("c'est Jean Tremblay", "Jean Tremblay")]
    [InlineData("mon nom est Pierre Lavoie", "Pierre Lavoie")]
    [InlineData("moi c'est Sophie", "Sophie")]
    [InlineData("this is Bob speaking", "Bob")]
    [InlineData("um my name is uh Lee", "Lee")]
    [InlineData("s m i t h", "Smith")]
    [InlineData("Lopez, L O P E zed", "Lopez")]
    [InlineData("Jane Doe, D-O-E", "Jane Doe")]
    [InlineData("Jon Smith, S-M-Y-T-H", "Jon Smyth")]
    [InlineData("Jean Tremblay", "Jean Tremblay")]
    [InlineData("yes it's Karen", "Karen")]
    [InlineData("my name is Sarah and my number is 416 555 0123", "Sarah")]
    [InlineData("call me Dave", "Dave")]
    [InlineData("d'amour", "D'Amour")]
    [InlineData("it's Jean-François Tremblay.", "Jean-François Tremblay")]
    [InlineData("Ludwig van Beethoven", "Ludwig van Beethoven")]
    [InlineData("", null)]
    [InlineData("123", null)]
    public void ParseName_AfterNameQuestion_CasesForDisplay(string text, string? expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.ParseName(text));
    }

    [Theory]
    [InlineData("my name is Mary O'Brien and I'd like to book", "Mary O'Brien")]
    [InlineData("je m'appelle Luc", "Luc")]
    [InlineData("I'd like to book a cleaning tomorrow", null)]
    [InlineData("it's tomorrow", null)]
    [InlineData("it's Jean-François Tremblay", "Jean-François Tremblay")]
    [InlineData("this is Mary O'Brien calling", "Mary O'Brien")]
    [InlineData("c'est Marie-Ève Gagnon", "Marie-Ève Gagnon")]
    [InlineData("it's Tuesday", null)]
    [InlineData("it's fine", null)]
    [InlineData("c'est ça", null)]
    [InlineData("yes", null)]
    public void ParseName_OpenQuestion_NeedsIntroduction(string text, string? expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.ParseName(text, requireIntroduction: true));
    }
}
