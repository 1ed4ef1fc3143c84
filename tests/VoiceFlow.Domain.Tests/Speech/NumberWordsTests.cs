using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

public class NumberWordsTests
{
    private static SpeechToken Single(string text)
    {
        var tokens = SpeechTokenizer.Tokenize(SpeechText.Fold(text));
        Assert.Single(tokens);
        return tokens[0];
    }

    [Theory]
    [InlineData("zero", 0)]
    [InlineData("seven", 7)]
    [InlineData("eleven", 11)]
    [InlineData("seventeen", 17)]
    [InlineData("twenty", 20)]
    [InlineData("twenty one", 21)]
    [InlineData("twenty-one", 21)]
    [InlineData("forty five", 45)]
    [InlineData("fifty-five", 55)]
    [InlineData("ninety nine", 99)]
    [InlineData("one hundred", 100)]
    [InlineData("three hundred twenty", 320)]
    [InlineData("three hundred and twenty", 320)]
    [InlineData("two thousand twenty six", 2026)]
    [InlineData("two thousand and twenty six", 2026)]
    [InlineData("zéro", 0)]
    [InlineData("un", 1)]
    [InlineData("onze", 11)]
    [InlineData("seize", 16)]
    [InlineData("dix-sept", 17)]
    [InlineData("dix neuf", 19)]
    [InlineData("vingt", 20)]
    [InlineData("vingt et un", 21)]
    [InlineData("vingt-deux", 22)]
    [InlineData("trente et un", 31)]
    [InlineData("quarante-cinq", 45)]
    [InlineData("cinquante cinq", 55)]
    [InlineData("soixante", 60)]
    [InlineData("soixante-dix", 70)]
    [InlineData("soixante et onze", 71)]
    [InlineData("soixante-douze", 72)]
    [InlineData("soixante-dix-neuf", 79)]
    [InlineData("quatre-vingts", 80)]
    [InlineData("quatre-vingt", 80)]
    [InlineData("quatre-vingt-un", 81)]
    [InlineData("quatre-vingt-dix", 90)]
    [InlineData("quatre-vingt-onze", 91)]
    [InlineData("quatre-vingt-dix-neuf", 99)]
    [InlineData("cent", 100)]
    [InlineData("deux cent quinze", 215)]
    [InlineData("deux mille vingt-six", 2026)]
    [InlineData("mille", 1000)]
    public void Tokenize_CardinalWords_MergeIntoOneNumber(string text, int expected)
    {
        var token = Single(text);
        Assert.Equal(expected, token.Value);
        Assert.False(token.IsOrdinal);
    }

    [Theory]
    [InlineData("first", 1)]
    [InlineData("second", 2)]
    [InlineData("third", 3)]
    [InlineData("twelfth", 12)]
    [InlineData("twentieth", 20)]
    [InlineData("twenty first", 21)]
    [InlineData("twenty-third", 23)]
    [InlineData("thirtieth", 30)]
    [InlineData("thirty first", 31)]
    [InlineData("premier", 1)]
    [InlineData("première", 1)]
    [InlineData("deuxième", 2)]
    [InlineData("troisième", 3)]
    [InlineData("vingt et unième", 21)]
    [InlineData("trentième", 30)]
    [InlineData("1st", 1)]
    [InlineData("2nd", 2)]
    [InlineData("3rd", 3)]
    [InlineData("22nd", 22)]
    [InlineData("1er", 1)]
    [InlineData("3e", 3)]
    [InlineData("3eme", 3)]
    [InlineData("3ème", 3)]
    public void Tokenize_OrdinalWords_AreOrdinals(string text, int expected)
    {
        var token = Single(text);
        Assert.Equal(expected, token.Value);
        Assert.True(token.IsOrdinal);
    }

    [Theory]
    [InlineData("ten thirty", new[] { 10, 30 })]
    [InlineData("twenty thirty", new[] { 20, 30 })]
    [InlineData("seven fifty five", new[] { 7, 55 })]
    [InlineData("dix-neuf trente", new[] { 19, 30 })]
    [InlineData("huit quarante", new[] { 8, 40 })]
    public void Tokenize_TimeLikePairs_StaySeparate(string text, int[] expected)
    {
        var tokens = SpeechTokenizer.Tokenize(SpeechText.Fold(text));
        Assert.Equal(expected, tokens.Select(t => t.Value).ToArray());
    }

    [Theory]
    [InlineData("3:30")]
    [InlineData("2/15")]
    [InlineData("2018-7-6")]
    [InlineData("8.30")]
    public void Tokenize_WrittenCompounds_KeptWhole(string text)
    {
        var token = Single(text);
        Assert.True(token.IsCompound);
        Assert.Equal(text, token.Text);
    }

    [Theory]
    [InlineData("um uh euh three", 3)]
    [InlineData("hmm, euh, trois", 3)]
    public void Tokenize_Fillers_AreDropped(string text, int expected)
    {
        Assert.Equal(expected, Single(text).Value);
    }
}
