using System.Globalization;
using NodaTime;
using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Conversation;

/// <summary>How the receptionist says things that are not fixed wording: times, services, hours, phone numbers.</summary>
internal static class SpokenText
{
    private static readonly string[] EnglishDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] FrenchDays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    public static bool IsFrench(string language) => language.StartsWith("fr", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Tuesday, December 1st at 10 AM" / "mardi 1er décembre à 10 h".</summary>
    public static string When(LocalDateTime value, string language) => SpeechFormatter.FormatDateTime(value, language);

    public static string Date(LocalDate value, string language) => SpeechFormatter.FormatDate(value, language);

    /// <summary>"10", "9:30" (English, as said in a list of times of one day) / "10 h", "9 h 30".</summary>
    public static string ShortTime(LocalTime time, string language)
    {
        if (IsFrench(language))
        {
            return SpeechFormatter.FormatTime(time, language);
        }
        if (time.Minute == 0 && time.Hour == 12)
        {
            return "noon";
        }
        var h12 = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        return time.Minute == 0
            ? h12.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{h12}:{time.Minute:00}");
    }

    /// <summary>"Thursday at 2", "tomorrow at 9:30" / "jeudi à 14 h": for a day within the week; else the full date.</summary>
    public static string Soon(LocalDateTime value, LocalDateTime now, string language)
    {
        var fr = IsFrench(language);
        var days = Period.Between(now.Date, value.Date, PeriodUnits.Days).Days;
        string day;
        if (days == 0)
        {
            day = fr ? "aujourd'hui" : "today";
        }
        else if (days == 1)
        {
            day = fr ? "demain" : "tomorrow";
        }
        else if (days is > 1 and < 7)
        {
            day = (fr ? FrenchDays : EnglishDays)[(int)value.DayOfWeek - 1];
        }
        else
        {
            return When(value, language);
        }
        return $"{day} {(fr ? "à" : "at")} {ShortTime(value.TimeOfDay, language)}";
    }

    /// <summary>A list of offered slots: "9:30 or 11" when on the day asked for, else with the day.</summary>
    public static string Options(IReadOnlyList<HeldSlot> slots, LocalDate? day, string language)
    {
        if (day is null && slots.Count > 1 && slots.All(s => s.Local.Date == slots[0].Local.Date))
        {
            // one day: "Tuesday, December 1st at 9 AM or 9:30 AM"
            var rest = slots.Skip(1).Select(s => SpeechFormatter.FormatTime(s.Local.TimeOfDay, language));
            return JoinOr([When(slots[0].Local, language), .. rest], language);
        }
        var parts = slots.Select(s => day is { } d && s.Local.Date == d
            ? ShortTime(s.Local.TimeOfDay, language)
            : When(s.Local, language)).ToList();
        return JoinOr(parts, language);
    }

    public static string JoinOr(IReadOnlyList<string> parts, string language)
    {
        var or = IsFrench(language) ? " ou " : " or ";
        return parts.Count switch
        {
            0 => string.Empty,
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + or + parts[^1],
        };
    }

    /// <summary>The service's name in the call's language, lower-cased mid-sentence ("cleaning", "nettoyage").</summary>
    public static string ServiceName(ServiceOption service, string language)
    {
        var name = IsFrench(language) && !string.IsNullOrWhiteSpace(service.NameFr) ? service.NameFr! : service.Name;
        return LowerFirst(name.Trim());
    }

    /// <summary>"a cleaning", "an exam" / "un nettoyage", "une consultation".</summary>
    public static string WithArticle(ServiceOption service, string language)
    {
        var name = ServiceName(service, language);
        if (name.Length == 0)
        {
            return name;
        }
        if (IsFrench(language))
        {
            var feminine = name.Split(' ')[0] is var w && (w.EndsWith("tion", StringComparison.Ordinal) || w.EndsWith("sion", StringComparison.Ordinal)
                || w.EndsWith("ure", StringComparison.Ordinal) || w.EndsWith("ie", StringComparison.Ordinal) || w.EndsWith("ée", StringComparison.Ordinal)
                || w.EndsWith("ance", StringComparison.Ordinal) || w.EndsWith("ence", StringComparison.Ordinal) || w.EndsWith("ité", StringComparison.Ordinal));
            return (feminine ? "une " : "un ") + name;
        }
        return ("aeiou".Contains(char.ToLowerInvariant(name[0]), StringComparison.Ordinal) ? "an " : "a ") + name;
    }

    private static string LowerFirst(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && !char.IsUpper(name[1])
            ? char.ToLowerInvariant(name[0]) + name[1..]
            : name;

    /// <summary>"Monday to Friday, 9 AM to 5 PM; Saturday, 10 AM to 2 PM" / "du lundi au vendredi, de 9 h à 17 h".</summary>
    public static string Hours(IReadOnlyList<OpeningHours> hours, string language)
    {
        var fr = IsFrench(language);
        var byDay = new List<(int Day, string Spans)>();
        for (var d = 1; d <= 7; d++)
        {
            var spans = hours.Where(h => (int)h.Day == d && h.Closes > h.Opens).OrderBy(h => h.Opens).ToList();
            if (spans.Count == 0)
            {
                continue;
            }
            var text = string.Join(fr ? " et " : " and ", spans.Select(s => fr
                ? $"de {SpeechFormatter.FormatTime(s.Opens, language)} à {SpeechFormatter.FormatTime(s.Closes, language)}"
                : $"{SpeechFormatter.FormatTime(s.Opens, language)} to {SpeechFormatter.FormatTime(s.Closes, language)}"));
            byDay.Add((d, text));
        }
        var groups = new List<string>();
        var i = 0;
        while (i < byDay.Count)
        {
            var j = i;
            while (j + 1 < byDay.Count && byDay[j + 1].Day == byDay[j].Day + 1 && byDay[j + 1].Spans == byDay[i].Spans)
            {
                j++;
            }
            var names = fr ? FrenchDays : EnglishDays;
            var first = names[byDay[i].Day - 1];
            var last = names[byDay[j].Day - 1];
            var days = j == i
                ? (fr ? "le " + first : first)
                : j == i + 1
                    ? (fr ? $"le {first} et le {last}" : $"{first} and {last}")
                    : (fr ? $"du {first} au {last}" : $"{first} to {last}");
            groups.Add($"{days}, {byDay[i].Spans}");
            i = j + 1;
        }
        return string.Join("; ", groups);
    }

    /// <summary>The last four digits of a phone number (never say the whole number).</summary>
    public static string LastFour(string? phone)
    {
        var digits = new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.Length <= 4 ? digits : digits[^4..];
    }

    /// <summary>"Tue Dec 1 at 10:00", for call summaries.</summary>
    public static string ForSummary(LocalDateTime value) =>
        value.ToString("ddd MMM d 'at' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>First name of a display name ("Marie-Ève Gagnon" -> "Marie-Ève").</summary>
    public static string FirstName(string name)
    {
        var parts = name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? name : parts[0];
    }

    public static string Capitalize(string sentence) =>
        sentence.Length > 0 && char.IsLower(sentence[0]) ? char.ToUpper(sentence[0], CultureInfo.InvariantCulture) + sentence[1..] : sentence;
}
