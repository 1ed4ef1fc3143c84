using System.Globalization;
using NodaTime;
using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

/// <summary>Dates and times said by callers; the call happens on Tuesday 2026-11-24 at 10:00, the business is open 9-17.</summary>
public class DateTimeParsingTests
{
    private static readonly LocalDateTime Reference = new(2026, 11, 24, 10, 0);

    internal static string Show(DateTimeResult? r)
    {
        if (r is null)
        {
            return "null";
        }
        var parts = new List<string>(2);
        if (r.Date is { } d)
        {
            parts.Add(d.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
        }
        if (r.Time is { } t)
        {
            parts.Add(t.ToString(r.HasSeconds ? "HH':'mm':'ss" : "HH':'mm", CultureInfo.InvariantCulture));
        }
        return parts.Count == 0 ? "none" : string.Join(' ', parts);
    }

    private static DateTimeResult? Parse(string text, string locale) =>
        SpeechUnderstanding.ParseDateTime(text, SpeechContext.At(Reference, locale));

    [Theory]
    [InlineData("tomorrow", "2026-11-25")]
    [InlineData("today", "2026-11-24")]
    [InlineData("the day after tomorrow", "2026-11-26")]
    [InlineData("next tuesday", "2026-12-01")]
    [InlineData("next Tuesday at half past three", "2026-12-01 15:30")]
    [InlineData("this Friday", "2026-11-27")]
    [InlineData("Friday", "2026-11-27")]
    [InlineData("on friday please", "2026-11-27")]
    [InlineData("tuesday", "2026-12-01")]
    [InlineData("monday", "2026-11-30")]
    [InlineData("next monday", "2026-11-30")]
    [InlineData("next friday", "2026-12-04")]
    [InlineData("this coming friday", "2026-11-27")]
    [InlineData("friday after next", "2026-12-04")]
    [InlineData("wednesday of next week", "2026-12-02")]
    [InlineData("thursday next week", "2026-12-03")]
    [InlineData("in two weeks", "2026-12-08")]
    [InlineData("in 2 weeks", "2026-12-08")]
    [InlineData("in three days", "2026-11-27")]
    [InlineData("in a week", "2026-12-01")]
    [InlineData("a week from monday", "2026-12-07")]
    [InlineData("two weeks from today", "2026-12-08")]
    [InlineData("three days from now", "2026-11-27")]
    [InlineData("March 5th", "2027-03-05")]
    [InlineData("march fifth", "2027-03-05")]
    [InlineData("the fifth of march", "2027-03-05")]
    [InlineData("the 12th", "2026-12-12")]
    [InlineData("on the 30th", "2026-11-30")]
    [InlineData("the twelfth", "2026-12-12")]
    [InlineData("5/3", "2027-05-03")]
    [InlineData("12/3", "2026-12-03")]
    [InlineData("december 1st", "2026-12-01")]
    [InlineData("December first", "2026-12-01")]
    [InlineData("Dec 25", "2026-12-25")]
    [InlineData("christmas", "2026-12-25")]
    [InlineData("christmas eve", "2026-12-24")]
    [InlineData("new year's day", "2027-01-01")]
    [InlineData("January 15, 2027", "2027-01-15")]
    [InlineData("jan 5 2027", "2027-01-05")]
    [InlineData("the first of december", "2026-12-01")]
    [InlineData("monday the 30th", "2026-11-30")]
    [InlineData("wednesday december 2nd", "2026-12-02")]
    [InlineData("december twenty first", "2026-12-21")]
    [InlineData("the twenty-third of december", "2026-12-23")]
    [InlineData("first monday of december", "2026-12-07")]
    [InlineData("the last friday of december", "2026-12-25")]
    [InlineData("2026-12-09", "2026-12-09")]
    [InlineData("tomorrow at 3", "2026-11-25 15:00")]
    [InlineData("tomorrow at 3pm", "2026-11-25 15:00")]
    [InlineData("tomorrow at 3 p.m.", "2026-11-25 15:00")]
    [InlineData("3", "15:00")]
    [InlineData("three", "15:00")]
    [InlineData("at 9", "09:00")]
    [InlineData("at 8", "08:00")]
    [InlineData("at 5", "17:00")]
    [InlineData("at 6", "18:00")]
    [InlineData("3:30", "15:30")]
    [InlineData("three thirty", "15:30")]
    [InlineData("half past four", "16:30")]
    [InlineData("quarter to five", "16:45")]
    [InlineData("a quarter past ten", "10:15")]
    [InlineData("a quarter after three", "15:15")]
    [InlineData("twenty past two", "14:20")]
    [InlineData("ten to three", "14:50")]
    [InlineData("noon", "12:00")]
    [InlineData("at noon tomorrow", "2026-11-25 12:00")]
    [InlineData("midnight", "00:00")]
    [InlineData("10 am", "10:00")]
    [InlineData("10:15 a.m.", "10:15")]
    [InlineData("2pm", "14:00")]
    [InlineData("eleven o'clock", "11:00")]
    [InlineData("3 o'clock in the afternoon", "15:00")]
    [InlineData("1:45", "13:45")]
    [InlineData("12:30", "12:30")]
    [InlineData("7:56:30 am", "07:56:30")]
    [InlineData("thursday afternoon at 2", "2026-11-26 14:00")]
    [InlineData("tonight at 7", "2026-11-24 19:00")]
    [InlineData("saturday morning at 9", "2026-11-28 09:00")]
    [InlineData("nine thirty tomorrow", "2026-11-25 09:30")]
    [InlineData("tomorrow at nine thirty", "2026-11-25 09:30")]
    [InlineData("5 pm tomorrow", "2026-11-25 17:00")]
    [InlineData("next tuesday around 10", "2026-12-01 10:00")]
    [InlineData("at 10 next tuesday", "2026-12-01 10:00")]
    [InlineData("um i'd like to book a cleaning next tuesday around 10", "2026-12-01 10:00")]
    [InlineData("December 3rd at 2:15 pm", "2026-12-03 14:15")]
    [InlineData("2:15 pm on December 3rd", "2026-12-03 14:15")]
    [InlineData("the 3rd at 2", "2026-12-03 14:00")]
    [InlineData("in 2 days at 4", "2026-11-26 16:00")]
    [InlineData("friday at four thirty", "2026-11-27 16:30")]
    [InlineData("friday at for thirty", "2026-11-27")]
    [InlineData("uh thursday at uh 11", "2026-11-26 11:00")]
    [InlineData("THURSDAY AT 2 PM", "2026-11-26 14:00")]
    [InlineData("tomorrow at twelve oh five", "2026-11-25 12:05")]
    [InlineData("at 2 tomorrow afternoon", "2026-11-25 14:00")]
    [InlineData("9 tomorrow evening", "2026-11-25 21:00")]
    public void ParseDateTime_English_Resolves(string text, string expected)
    {
        Assert.Equal(expected, Show(Parse(text, "en-CA")));
    }

    [Theory]
    [InlineData("demain", "2026-11-25")]
    [InlineData("aujourd'hui", "2026-11-24")]
    [InlineData("après-demain", "2026-11-26")]
    [InlineData("apres demain", "2026-11-26")]
    [InlineData("mardi prochain", "2026-12-01")]
    [InlineData("vendredi", "2026-11-27")]
    [InlineData("ce vendredi", "2026-11-27")]
    [InlineData("lundi", "2026-11-30")]
    [InlineData("dans deux semaines", "2026-12-08")]
    [InlineData("dans 3 jours", "2026-11-27")]
    [InlineData("dans une semaine", "2026-12-01")]
    [InlineData("le 3 mars", "2027-03-03")]
    [InlineData("3 mars", "2027-03-03")]
    [InlineData("le 12", "2026-12-12")]
    [InlineData("le premier décembre", "2026-12-01")]
    [InlineData("le 1er décembre", "2026-12-01")]
    [InlineData("le vingt et un décembre", "2026-12-21")]
    [InlineData("le trente et un décembre", "2026-12-31")]
    [InlineData("vendredi 27 novembre", "2026-11-27")]
    [InlineData("le 5 janvier 2027", "2027-01-05")]
    [InlineData("le 4/12", "2026-12-04")]
    [InlineData("Noël", "2026-12-25")]
    [InlineData("le jour de l'an", "2027-01-01")]
    [InlineData("lundi de la semaine prochaine", "2026-11-30")]
    [InlineData("vendredi de la semaine prochaine", "2026-12-04")]
    [InlineData("mercredi en huit", "2026-12-02")]
    [InlineData("le premier lundi de décembre", "2026-12-07")]
    [InlineData("14 h", "14:00")]
    [InlineData("15 h 30", "15:30")]
    [InlineData("15h30", "15:30")]
    [InlineData("à 14 h", "14:00")]
    [InlineData("midi", "12:00")]
    [InlineData("midi et demi", "12:30")]
    [InlineData("midi et quart", "12:15")]
    [InlineData("minuit", "00:00")]
    [InlineData("dix heures", "10:00")]
    [InlineData("dix heures et demie", "10:30")]
    [InlineData("trois heures et quart", "15:15")]
    [InlineData("cinq heures moins le quart", "16:45")]
    [InlineData("quatre heures moins dix", "15:50")]
    [InlineData("dix-sept heures", "17:00")]
    [InlineData("vingt heures", "20:00")]
    [InlineData("seize heures quarante-cinq", "16:45")]
    [InlineData("quatorze heures trente", "14:30")]
    [InlineData("quinze heures", "15:00")]
    [InlineData("à trois heures", "15:00")]
    [InlineData("jeudi après-midi à 2 h", "2026-11-26 14:00")]
    [InlineData("demain à 10 h", "2026-11-25 10:00")]
    [InlineData("mardi prochain vers dix heures", "2026-12-01 10:00")]
    [InlineData("je voudrais un nettoyage mardi prochain vers dix heures", "2026-12-01 10:00")]
    [InlineData("ce soir à 7 h", "2026-11-24 19:00")]
    [InlineData("samedi matin à neuf heures", "2026-11-28 09:00")]
    [InlineData("le 4 décembre à 15 h", "2026-12-04 15:00")]
    [InlineData("à 3 h 30 de l'après-midi", "15:30")]
    [InlineData("euh demain à onze heures", "2026-11-25 11:00")]
    [InlineData("vendredi à midi", "2026-11-27 12:00")]
    [InlineData("demain matin à 8 h", "2026-11-25 08:00")]
    public void ParseDateTime_French_Resolves(string text, string expected)
    {
        Assert.Equal(expected, Show(Parse(text, "fr-CA")));
    }

    [Theory]
    [InlineData("in 30 minutes", "2026-11-24T10:30")]
    [InlineData("in an hour", "2026-11-24T11:00")]
    [InlineData("in two hours", "2026-11-24T12:00")]
    [InlineData("in an hour and a half", "2026-11-24T11:30")]
    [InlineData("dans une heure", "2026-11-24T11:00")]
    [InlineData("dans 30 minutes", "2026-11-24T10:30")]
    [InlineData("right now", "2026-11-24T10:00")]
    [InlineData("3:30", "2026-11-24T15:30")]
    [InlineData("at 9", "2026-11-25T09:00")]
    [InlineData("at 9:30 am", "2026-11-25T09:30")]
    [InlineData("next tuesday at half past three", "2026-12-01T15:30")]
    [InlineData("midnight", "2026-11-25T00:00")]
    public void ParseDateTime_DateTime_IsFirstFutureMoment(string text, string expected)
    {
        var r = Parse(text, "en-CA");
        Assert.NotNull(r);
        Assert.Equal(expected, r.DateTime?.ToString("yyyy'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("tomorrow", null)]
    [InlineData("friday", null)]
    public void ParseDateTime_DateOnly_HasNoDateTime(string text, string? expected)
    {
        Assert.Equal(expected, Parse(text, "en-CA")?.DateTime?.ToString());
    }

    [Theory]
    [InlineData("tomorrow morning", "2026-11-25", null, "12:00")]
    [InlineData("thursday afternoon", "2026-11-26", "12:00", "17:00")]
    [InlineData("after 4", null, "16:00", null)]
    [InlineData("before lunch", null, null, "12:00")]
    [InlineData("tomorrow after 2", "2026-11-25", "14:00", null)]
    [InlineData("friday before 11", "2026-11-27", null, "11:00")]
    [InlineData("jeudi après-midi", "2026-11-26", "12:00", "17:00")]
    [InlineData("après 16 h", null, "16:00", null)]
    [InlineData("avant midi", null, null, "12:00")]
    [InlineData("demain matin", "2026-11-25", null, "12:00")]
    [InlineData("this evening", "2026-11-24", "17:00", null)]
    public void ParseDateTime_PartsOfDay_GiveBounds(string text, string? date, string? earliest, string? latest)
    {
        var r = Parse(text, text.Contains('è', StringComparison.Ordinal) || text.Contains("midi", StringComparison.Ordinal) || text.Contains("demain", StringComparison.Ordinal) ? "fr-CA" : "en-CA");
        Assert.NotNull(r);
        Assert.Null(r.Time);
        Assert.Equal(date, r.Date?.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
        Assert.Equal(earliest, r.Earliest?.ToString("HH':'mm", CultureInfo.InvariantCulture));
        Assert.Equal(latest, r.Latest?.ToString("HH':'mm", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("I would like to book a cleaning")]
    [InlineData("yes please")]
    [InlineData("my name is Mary")]
    [InlineData("")]
    [InlineData("bonjour")]
    [InlineData("two people")]
    [InlineData("may I book an appointment")]
    [InlineData("the first one")]
    [InlineData("the second option please")]
    [InlineData("la première")]
    [InlineData("neither")]
    [InlineData("I need 2 tickets")]
    [InlineData("it was 3 years ago")]
    public void ParseDateTime_NoDateOrTime_ReturnsNull(string text)
    {
        Assert.Null(Parse(text, "en-CA"));
    }

    [Fact]
    public void ParseDateTime_BareHour_UsesBusinessWindow()
    {
        var evening = SpeechContext.At(Reference) with { Opens = new LocalTime(14, 0), Closes = new LocalTime(22, 0) };
        Assert.Equal("20:00", Show(SpeechUnderstanding.ParseDateTime("at 8", evening)));
        Assert.Equal("08:00", Show(Parse("at 8", "en-CA")));
    }

    [Theory]
    [InlineData("next tuesday at half past three", "en-CA", "Tuesday, December 1st at 3:30 PM")]
    [InlineData("mardi prochain à 15 h 30", "fr-CA", "mardi 1er décembre à 15 h 30")]
    [InlineData("tomorrow", "en-CA", "Wednesday, November 25th")]
    [InlineData("after 4", "en-CA", "after 4 PM")]
    [InlineData("jeudi avant midi", "fr-CA", "jeudi 26 novembre, avant midi")]
    public void ParseDateTime_Said_ReadsBack(string text, string locale, string said)
    {
        Assert.Equal(said, Parse(text, locale)?.Said);
    }

    [Theory]
    [InlineData("half three", "en-CA", "15:30")]
    [InlineData("twenty after three", "en-CA", "15:20")]
    [InlineData("five after 4 pm", "en-CA", "16:05")]
    [InlineData("in about half an hour", "en-CA", "10:30")]
    [InlineData("in a quarter of an hour", "en-CA", "10:15")]
    [InlineData("in 2 more minutes", "en-CA", "10:02")]
    [InlineData("in 1/2 h", "en-CA", "10:30")]
    [InlineData("dans un quart d'heure", "fr-CA", "10:15")]
    [InlineData("dans trois quarts d'heure", "fr-CA", "10:45")]
    [InlineData("dans une demi-heure", "fr-CA", "10:30")]
    [InlineData("dans 2,5 heures", "fr-CA", "12:30")]
    [InlineData("dans une heure et demie", "fr-CA", "11:30")]
    [InlineData("it's 0730", "en-CA", "07:30")]
    [InlineData("the 28", "en-CA", "2026-11-28")]
    [InlineData("mardi 8", "fr-CA", "2026-12-08")]
    [InlineData("next week on friday", "en-CA", "2026-12-04")]
    [InlineData("the last day of the month", "en-CA", "2026-11-30")]
    [InlineData("le jour de Noël", "fr-CA", "2026-12-25")]
    [InlineData("le nouvel an", "fr-CA", "2027-01-01")]
    [InlineData("3 o clock", "en-CA", "15:00")]
    [InlineData("noon thirty", "en-CA", "12:30")]
    [InlineData("midi trente", "fr-CA", "12:30")]
    [InlineData("one and a half hours from now", "en-CA", "11:30")]
    [InlineData("a day from now", "en-CA", "2026-11-25")]
    [InlineData("two sundays from now", "en-CA", "2026-12-06")]
    [InlineData("3 days from tuesday", "en-CA", "2026-12-04")]
    [InlineData("2 days after tomorrow", "en-CA", "2026-11-27")]
    [InlineData("the 4th of july", "en-CA", "2027-07-04")]
    [InlineData("14april 2027", "en-CA", "2027-04-14")]
    [InlineData("February the 15th", "en-CA", "2027-02-15")]
    [InlineData("Mon, December 7", "en-CA", "2026-12-07")]
    [InlineData("Thursday 8:00", "en-CA", "2026-11-26 08:00")]
    [InlineData("at 7:30 PM on Fri, Dec 4", "en-CA", "2026-12-04 19:30")]
    [InlineData("8 tonight", "en-CA", "2026-11-24 20:00")]
    [InlineData("eight tonight", "en-CA", "2026-11-24 20:00")]
    [InlineData("tomorrow night at 10", "en-CA", "2026-11-25 22:00")]
    [InlineData("at 7 this morning", "en-CA", "2026-11-24 07:00")]
    [InlineData("330 p.m.", "en-CA", "15:30")]
    [InlineData("3:30 p m", "en-CA", "15:30")]
    [InlineData("9a.m.", "en-CA", "09:00")]
    [InlineData("at 3pm sharp", "en-CA", "15:00")]
    [InlineData("third tuesday of january 2027", "en-CA", "2027-01-19")]
    [InlineData("le troisième jour de décembre", "fr-CA", "2026-12-03")]
    [InlineData("le dernier dimanche de décembre", "fr-CA", "2026-12-27")]
    [InlineData("jeudi 3 décembre à 14 h 15", "fr-CA", "2026-12-03 14:15")]
    [InlineData("à deux heures et demie", "fr-CA", "14:30")]
    [InlineData("vers 18 h 30", "fr-CA", "18:30")]
    [InlineData("8 heures du soir", "fr-CA", "20:00")]
    [InlineData("vingt et une heures", "fr-CA", "21:00")]
    [InlineData("à une heure", "fr-CA", "13:00")]
    [InlineData("d'ici 3 jours", "fr-CA", "2026-11-27")]
    [InlineData("dans quinze jours", "fr-CA", "2026-12-09")]
    [InlineData("samedi prochain à 9 h", "fr-CA", "2026-12-05 09:00")]
    [InlineData("mercredi suivant", "fr-CA", "2026-12-02")]
    [InlineData("15/12", "fr-CA", "2026-12-15")]
    [InlineData("le 15/12/2026", "fr-CA", "2026-12-15")]
    [InlineData("la veille de Noël", "fr-CA", "2026-12-24")]
    [InlineData("cet après-midi à 3 h", "fr-CA", "2026-11-24 15:00")]
    [InlineData("aujourd'hui à 17 h", "fr-CA", "2026-11-24 17:00")]
    [InlineData("à 11 heures demain", "fr-CA", "2026-11-25 11:00")]
    [InlineData("tuesday at 3", "en-CA", "2026-11-24 15:00")]
    [InlineData("midnight tonight", "en-CA", "2026-11-25 00:00")]
    [InlineData("I'll be back 7 30 am", "en-CA", "07:30")]
    [InlineData("It's half-past eight", "en-CA", "08:30")]
    [InlineData("meeting at 1330", "en-CA", "13:30")]
    [InlineData("dix heures moins cinq", "fr-CA", "09:55")]
    [InlineData("à huit heures pile", "fr-CA", "08:00")]
    [InlineData("this evening at 12", "en-CA", "2026-11-24 00:00")]
    [InlineData("friday two weeks from now", "en-CA", "2026-12-11")]
    [InlineData("in three weeks on monday", "en-CA", "2026-12-14")]
    [InlineData("tuesday at 9", "en-CA", "2026-12-01 09:00")]
    [InlineData("mardi à 15 h", "fr-CA", "2026-11-24 15:00")]
    [InlineData("lun. 30 nov.", "fr-CA", "2026-11-30")]
    [InlineData("ven 27", "fr-CA", "2026-11-27")]
    public void ParseDateTime_MoreWays_Resolves(string text, string locale, string expected)
    {
        var r = Parse(text, locale);
        var shown = Show(r);
        if (expected.Length == 5 && r?.Time is not null && r.Date is not null && r.DateTime?.Date == Reference.Date)
        {
            shown = shown[^5..]; // a relative time today: compare the time of day
        }
        Assert.Equal(expected, shown);
    }
}
