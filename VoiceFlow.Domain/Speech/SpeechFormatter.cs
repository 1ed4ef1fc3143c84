using System.Globalization;
using NodaTime;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Says dates and times the way people do on the phone, for read-back:
/// "Tuesday, December 1st at 10 AM" / "mardi 1er décembre à 10 h"; "3:30 PM" / "15 h 30". Never seconds or ISO.
/// </summary>
public static class SpeechFormatter
{
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly string[] EnglishDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private static readonly string[] FrenchDays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    /// <summary>"Tuesday, December 1st" / "mardi 1er décembre".</summary>
    public static string FormatDate(LocalDate date, string locale)
    {
        var dow = (int)date.DayOfWeek - 1;
        if (IsFrench(locale))
        {
            var day = date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture);
            return $"{FrenchDays[dow]} {day} {FrenchMonths[date.Month - 1]}";
        }
        return $"{EnglishDays[dow]}, {EnglishMonths[date.Month - 1]} {Ordinal(date.Day)}";
    }

    /// <summary>"10 AM", "3:30 PM", "noon" / "10 h", "15 h 30", "midi".</summary>
    public static string FormatTime(LocalTime time, string locale)
    {
        var h = time.Hour;
        var m = time.Minute;
        if (IsFrench(locale))
        {
            if (m == 0 && h == 12)
            {
                return "midi";
            }
            if (m == 0 && h == 0)
            {
                return "minuit";
            }
            return m == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{h} h")
                : string.Create(CultureInfo.InvariantCulture, $"{h} h {m:00}");
        }
        if (m == 0 && h == 12)
        {
            return "noon";
        }
        if (m == 0 && h == 0)
        {
            return "midnight";
        }
        var h12 = h % 12 == 0 ? 12 : h % 12;
        var suffix = h < 12 ? "AM" : "PM";
        return m == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h12} {suffix}")
            : string.Create(CultureInfo.InvariantCulture, $"{h12}:{m:00} {suffix}");
    }

    /// <summary>"Tuesday, December 1st at 10 AM" / "mardi 1er décembre à 10 h".</summary>
    public static string FormatDateTime(LocalDateTime value, string locale) =>
        $"{FormatDate(value.Date, locale)} {(IsFrench(locale) ? "à" : "at")} {FormatTime(value.TimeOfDay, locale)}";

    /// <summary>Read-back of whatever parts were understood, e.g. "Thursday, December 3rd, after 4 PM".</summary>
    internal static string Describe(LocalDate? date, LocalTime? time, LocalTime? earliest, LocalTime? latest, string locale)
    {
        var fr = IsFrench(locale);
        var parts = new List<string>(3);
        if (date is not null && time is not null)
        {
            parts.Add(FormatDateTime(date.Value.At(time.Value), locale));
        }
        else if (date is not null)
        {
            parts.Add(FormatDate(date.Value, locale));
        }
        else if (time is not null)
        {
            parts.Add(FormatTime(time.Value, locale));
        }
        if (time is null)
        {
            if (earliest is not null && latest is not null)
            {
                parts.Add(fr
                    ? $"entre {FormatTime(earliest.Value, locale)} et {FormatTime(latest.Value, locale)}"
                    : $"between {FormatTime(earliest.Value, locale)} and {FormatTime(latest.Value, locale)}");
            }
            else if (earliest is not null)
            {
                parts.Add((fr ? "après " : "after ") + FormatTime(earliest.Value, locale));
            }
            else if (latest is not null)
            {
                parts.Add((fr ? "avant " : "before ") + FormatTime(latest.Value, locale));
            }
        }
        return string.Join(fr ? ", " : ", ", parts);
    }

    private static string Ordinal(int day)
    {
        var suffix = (day % 100) is 11 or 12 or 13 ? "th" : (day % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return day.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private static bool IsFrench(string? locale) => locale is not null && locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
}
