using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

public class IntentTests
{
    private static readonly ServiceDefinition[] Services =
    [
        new("Cleaning", ["teeth cleaning", "hygiene", "nettoyage", "détartrage"]),
        new("Whitening", ["teeth whitening", "blanchiment"]),
        new("Checkup", ["check up", "exam", "examen", "check-up"]),
        new("Haircut", ["hair cut", "trim", "coupe de cheveux", "coupe"]),
        new("Root canal", ["traitement de canal"]),
    ];

    [Theory]
    [InlineData("I'd like to book an appointment", Intent.Book)]
    [InlineData("um hi I'd like to book a cleaning next tuesday around 10", Intent.Book)]
    [InlineData("can I make an appointment", Intent.Book)]
    [InlineData("do you have any availability tomorrow", Intent.Book)]
    [InlineData("je voudrais prendre rendez-vous", Intent.Book)]
    [InlineData("je voudrais un nettoyage", Intent.Book)]
    [InlineData("I'd like to see the dentist", Intent.Book)]
    [InlineData("je voudrais voir le dentiste", Intent.Book)]
    [InlineData("I need to reschedule", Intent.Reschedule)]
    [InlineData("can I move my appointment to friday", Intent.Reschedule)]
    [InlineData("I need to change my appointment", Intent.Reschedule)]
    [InlineData("je dois déplacer mon rendez-vous", Intent.Reschedule)]
    [InlineData("est-ce que je peux changer mon rendez-vous", Intent.Reschedule)]
    [InlineData("I want to cancel my appointment", Intent.Cancel)]
    [InlineData("cancel please", Intent.Cancel)]
    [InlineData("je veux annuler mon rendez-vous", Intent.Cancel)]
    [InlineData("I'm calling to confirm my appointment", Intent.Confirm)]
    [InlineData("je voudrais confirmer mon rendez-vous", Intent.Confirm)]
    [InlineData("what are your hours", Intent.Hours)]
    [InlineData("are you open on saturday", Intent.Hours)]
    [InlineData("where are you located", Intent.Hours)]
    [InlineData("what's your address", Intent.Hours)]
    [InlineData("quelles sont vos heures d'ouverture", Intent.Hours)]
    [InlineData("êtes-vous ouverts samedi", Intent.Hours)]
    [InlineData("quelle est votre adresse", Intent.Hours)]
    [InlineData("can I speak to a person", Intent.Human)]
    [InlineData("representative", Intent.Human)]
    [InlineData("agent", Intent.Human)]
    [InlineData("I want to talk to someone", Intent.Human)]
    [InlineData("je veux parler à quelqu'un", Intent.Human)]
    [InlineData("un agent s'il vous plaît", Intent.Human)]
    [InlineData("repeat", Intent.Repeat)]
    [InlineData("sorry can you say that again", Intent.Repeat)]
    [InlineData("pouvez-vous répéter", Intent.Repeat)]
    [InlineData("goodbye", Intent.Goodbye)]
    [InlineData("no that's all thanks bye", Intent.Goodbye)]
    [InlineData("au revoir", Intent.Goodbye)]
    [InlineData("merci bonne journée", Intent.Goodbye)]
    [InlineData("hello", null)]
    [InlineData("", null)]
    [InlineData("tomorrow at 3", null)]
    public void DetectIntent_BothLanguages(string text, Intent? expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.DetectIntent(text));
    }

    [Theory]
    [InlineData("I'd like a teeth cleaning", "Cleaning")]
    [InlineData("a cleaning please", "Cleaning")]
    [InlineData("cleanings", "Cleaning")]
    [InlineData("cleening", "Cleaning")]
    [InlineData("I want my teeth whitened, whitening", "Whitening")]
    [InlineData("teeth whitening", "Whitening")]
    [InlineData("just a check up", "Checkup")]
    [InlineData("a checkup", "Checkup")]
    [InlineData("un examen", "Checkup")]
    [InlineData("je voudrais un nettoyage", "Cleaning")]
    [InlineData("un détartrage", "Cleaning")]
    [InlineData("a haircut", "Haircut")]
    [InlineData("a hair cut and a trim", "Haircut")]
    [InlineData("une coupe de cheveux", "Haircut")]
    [InlineData("I think I need a root canal", "Root canal")]
    [InlineData("traitement de canal", "Root canal")]
    [InlineData("I'd like to book", null)]
    [InlineData("", null)]
    public void MatchService_Fuzzy(string text, string? expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.MatchService(text, Services));
    }

    [Theory]
    [InlineData("français", "fr-CA")]
    [InlineData("en français s'il vous plaît", "fr-CA")]
    [InlineData("French please", "fr-CA")]
    [InlineData("english", "en-CA")]
    [InlineData("in English please", "en-CA")]
    [InlineData("en anglais", "en-CA")]
    [InlineData("I don't speak French", null)]
    [InlineData("book a cleaning", null)]
    [InlineData("", null)]
    public void DetectLanguageSwitch_IsSeparateFlag(string text, string? expected)
    {
        Assert.Equal(expected, SpeechUnderstanding.DetectLanguageSwitch(text));
    }

    [Fact]
    public void Understand_FullBookingTurn_FillsEverything()
    {
        var context = SpeechContext.At(new NodaTime.LocalDateTime(2026, 11, 24, 10, 0)) with { Services = Services };
        var u = SpeechUnderstanding.Understand("um hi I'd like to book a cleaning next tuesday around 10", context);
        Assert.Equal(Intent.Book, u.Intent);
        Assert.Equal("Cleaning", u.Service);
        Assert.Equal(new NodaTime.LocalDateTime(2026, 12, 1, 10, 0), u.DateTime?.DateTime);
        Assert.Null(u.PhoneE164);
        Assert.Null(u.Name);
        Assert.Null(u.LanguageSwitch);
    }
}
