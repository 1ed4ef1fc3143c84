using System.Collections.Frozen;
using NodaTime;

namespace VoiceFlow.Domain.Speech;

/// <summary>Month and weekday names (full and short) in English and French, and the day-part words.</summary>
internal static class CalendarWords
{
    private static readonly FrozenDictionary<string, int> Months = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["janvier"] = 1, ["janv"] = 1,
        ["february"] = 2, ["feb"] = 2, ["fevrier"] = 2, ["fevr"] = 2, ["fev"] = 2,
        ["march"] = 3, ["mar"] = 3, ["mars"] = 3,
        ["april"] = 4, ["apr"] = 4, ["avril"] = 4, ["avr"] = 4,
        ["may"] = 5, ["mai"] = 5,
        ["june"] = 6, ["jun"] = 6, ["juin"] = 6,
        ["july"] = 7, ["jul"] = 7, ["juillet"] = 7, ["juil"] = 7,
        ["august"] = 8, ["aug"] = 8, ["aout"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["septembre"] = 9,
        ["october"] = 10, ["oct"] = 10, ["octobre"] = 10,
        ["november"] = 11, ["nov"] = 11, ["novembre"] = 11,
        ["december"] = 12, ["dec"] = 12, ["decembre"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, IsoDayOfWeek> Weekdays = new Dictionary<string, IsoDayOfWeek>(StringComparer.Ordinal)
    {
        ["monday"] = IsoDayOfWeek.Monday, ["mon"] = IsoDayOfWeek.Monday, ["lundi"] = IsoDayOfWeek.Monday,
        ["tuesday"] = IsoDayOfWeek.Tuesday, ["tue"] = IsoDayOfWeek.Tuesday, ["tues"] = IsoDayOfWeek.Tuesday, ["mardi"] = IsoDayOfWeek.Tuesday,
        ["wednesday"] = IsoDayOfWeek.Wednesday, ["wed"] = IsoDayOfWeek.Wednesday, ["weds"] = IsoDayOfWeek.Wednesday, ["mercredi"] = IsoDayOfWeek.Wednesday,
        ["thursday"] = IsoDayOfWeek.Thursday, ["thu"] = IsoDayOfWeek.Thursday, ["thur"] = IsoDayOfWeek.Thursday, ["thurs"] = IsoDayOfWeek.Thursday, ["jeudi"] = IsoDayOfWeek.Thursday,
        ["friday"] = IsoDayOfWeek.Friday, ["fri"] = IsoDayOfWeek.Friday, ["vendredi"] = IsoDayOfWeek.Friday,
        ["saturday"] = IsoDayOfWeek.Saturday, ["sat"] = IsoDayOfWeek.Saturday, ["samedi"] = IsoDayOfWeek.Saturday,
        ["sunday"] = IsoDayOfWeek.Sunday, ["sun"] = IsoDayOfWeek.Sunday, ["dimanche"] = IsoDayOfWeek.Sunday,
        ["lun"] = IsoDayOfWeek.Monday, ["mer"] = IsoDayOfWeek.Wednesday, ["jeu"] = IsoDayOfWeek.Thursday, ["ven"] = IsoDayOfWeek.Friday,
        ["sam"] = IsoDayOfWeek.Saturday, ["dim"] = IsoDayOfWeek.Sunday,
        ["mondays"] = IsoDayOfWeek.Monday, ["tuesdays"] = IsoDayOfWeek.Tuesday, ["wednesdays"] = IsoDayOfWeek.Wednesday,
        ["thursdays"] = IsoDayOfWeek.Thursday, ["fridays"] = IsoDayOfWeek.Friday, ["saturdays"] = IsoDayOfWeek.Saturday, ["sundays"] = IsoDayOfWeek.Sunday,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Month number 1-12 for a month name, or -1.</summary>
    public static int Month(string word) => Months.TryGetValue(word, out var m) ? m : -1;

    /// <summary>Weekday for a weekday name, or None.</summary>
    public static IsoDayOfWeek Weekday(string word) => Weekdays.TryGetValue(word, out var d) ? d : IsoDayOfWeek.None;

    /// <summary>Short forms that are also ordinary words ("mon", "sun", "sat", "wed", "mar", "may", "sept").</summary>
    public static bool IsAmbiguousName(string word) => word is "mon" or "sun" or "sat" or "wed" or "mar" or "may" or "sept" or "jan" or "dec" or "mai"
        or "lun" or "mer" or "jeu" or "ven" or "sam" or "dim";

    /// <summary>Day part for a word ("morning", "soir", ...), or None.</summary>
    public static DayPart Part(string word) => word switch
    {
        "morning" or "mornings" or "matin" or "matinee" => DayPart.Morning,
        "afternoon" or "afternoons" or "aprem" => DayPart.Afternoon,
        "evening" or "evenings" or "soir" or "soiree" or "tonight" or "tonite" => DayPart.Evening,
        "night" or "nuit" => DayPart.Night,
        "lunch" or "lunchtime" or "diner" => DayPart.Lunch,
        _ => DayPart.None,
    };
}
