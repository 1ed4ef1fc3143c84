using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

public class YesNoTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes.", true)]
    [InlineData("yeah", true)]
    [InlineData("yep", true)]
    [InlineData("yup", true)]
    [InlineData("sure", true)]
    [InlineData("that's right", true)]
    [InlineData("that's correct", true)]
    [InlineData("correct", true)]
    [InlineData("ok", true)]
    [InlineData("okay sounds good", true)]
    [InlineData("sounds good", true)]
    [InlineData("absolutely", true)]
    [InlineData("yes please", true)]
    [InlineData("uh yeah", true)]
    [InlineData("of course", true)]
    [InlineData("go ahead", true)]
    [InlineData("no problem", true)]
    [InlineData("perfect", true)]
    [InlineData("oui", true)]
    [InlineData("ouais", true)]
    [InlineData("c'est ça", true)]
    [InlineData("c'est bon", true)]
    [InlineData("d'accord", true)]
    [InlineData("exactement", true)]
    [InlineData("bien sûr", true)]
    [InlineData("parfait", true)]
    [InlineData("oui merci", true)]
    [InlineData("euh oui", true)]
    [InlineData("ça marche", true)]
    [InlineData("uh-huh", true)]
    [InlineData("mhm", true)]
    [InlineData("y", true)]
    [InlineData("n", false)]
    [InlineData("no way", false)]
    [InlineData("je ne suis pas d'accord", false)]
    [InlineData("je suis d'accord", true)]
    [InlineData("ce n'est pas ça", false)]
    [InlineData("no", false)]
    [InlineData("nope", false)]
    [InlineData("nah", false)]
    [InlineData("no thanks", false)]
    [InlineData("no, Thursday", false)]
    [InlineData("not really", false)]
    [InlineData("that's not right", false)]
    [InlineData("it's not ok", false)]
    [InlineData("disagree", false)]
    [InlineData("agree, it is not ok", false)]
    [InlineData("non", false)]
    [InlineData("non merci", false)]
    [InlineData("pas du tout", false)]
    [InlineData("pas vraiment", false)]
    [InlineData("c'est pas ça", false)]
    [InlineData("J'ai dit NON pas oui!", false)]
    [InlineData("yes... I said no onions", true)]
    [InlineData("hello", null)]
    [InlineData("", null)]
    [InlineData("tomorrow at 3", null)]
    [InlineData("bonjour", null)]
    public void ParseYesNo_BothLanguages(string text, bool? expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.ParseYesNo(text));
    }

    [Theory]
    [InlineData("no, Thursday", true)]
    [InlineData("no I said four", true)]
    [InlineData("actually make it Friday", true)]
    [InlineData("non, plutôt jeudi", true)]
    [InlineData("en fait vendredi", true)]
    [InlineData("no", false)]
    [InlineData("no thank you", false)]
    [InlineData("yes", false)]
    [InlineData("non merci", false)]
    [InlineData("", false)]
    public void IsCorrection_DetectsChanges(string text, bool expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.IsCorrection(text));
    }

    [Fact]
    public void Understand_NoThursday_IsNoCorrectionWithDay()
    {
        var u = SpeechUnderstanding.Understand("no, Thursday", SpeechContext.At(new NodaTime.LocalDateTime(2026, 11, 24, 10, 0)));
        Assert.False(u.Yes);
        Assert.True(u.IsCorrection);
        Assert.Equal(new NodaTime.LocalDate(2026, 11, 26), u.DateTime?.Date);
    }
}
