using System.Text;
using PhoneNumbers;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Phone numbers as Canadians say or the recogniser writes them: "416-555-0123", "(416) 555 0123 ext 12",
/// "+1 416...", "four one six five five five oh one two three", "area code 514, double five...", French words too.
/// Normalised to E.164 with libphonenumber; null when no complete number was given.
/// </summary>
internal static class PhoneParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string? Parse(string folded)
    {
        return FromWritten(folded) ?? FromSpoken(folded);
    }

    // ---------- written digits ----------

    private static string? FromWritten(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (!IsRunChar(s[i]) || s[i] is ' ' or '.' or '/' or ')')
            {
                i++;
                continue;
            }
            var start = i;
            while (i < s.Length && IsRunChar(s[i]))
            {
                i++;
            }
            var end = i;
            while (end > start && s[end - 1] is ' ' or '-' or '.' or '/' or '(')
            {
                end--;
            }
            var run = s[start..end];
            var digitCount = 0;
            foreach (var c in run)
            {
                if (char.IsAsciiDigit(c))
                {
                    digitCount++;
                }
            }
            if (digitCount < 7)
            {
                continue;
            }
            var before = start > 0 ? s[start - 1] : ' ';
            var after = end < s.Length ? s[end] : ' ';
            if ((char.IsLetter(before) && run[0] is not ('(' or '+')) || (char.IsLetterOrDigit(after) && after is not ('x' or 'e')) || run[0] == '-'
                || before is '-' or '/' or '#' or '!' or '=' || after is '/' or ':')
            {
                continue;
            }
            var e164 = Classify(run);
            if (e164 is not null)
            {
                return e164;
            }
        }
        return null;
    }

    private static bool IsRunChar(char c) => char.IsAsciiDigit(c) || c is '+' or '(' or ')' or '-' or '.' or ' ' or '/';

    private static string? Classify(string run)
    {
        var digits = new StringBuilder(run.Length);
        var groups = new List<int>(6);
        var current = 0;
        var plus = false;
        var hasSlash = false;
        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                current++;
            }
            else
            {
                if (c == '+' && digits.Length == 0)
                {
                    plus = true;
                }
                if (c == '/')
                {
                    hasSlash = true;
                }
                if (current > 0)
                {
                    groups.Add(current);
                    current = 0;
                }
            }
        }
        if (current > 0)
        {
            groups.Add(current);
        }
        var d = digits.ToString();
        if (d.Length > 15)
        {
            return null;
        }
        if (plus || d.StartsWith("00", StringComparison.Ordinal) || d.StartsWith("011", StringComparison.Ordinal))
        {
            var international = plus ? "+" + d : d.StartsWith("011", StringComparison.Ordinal) ? "+" + d[3..] : "+" + d[2..];
            if (plus && d.StartsWith('1') && d.Length == 11)
            {
                return Nanp(d[1..], strict: false);
            }
            // "+44 (0) 113..." : drop the trunk zero written in parentheses
            var trunk = run.IndexOf("(0)", StringComparison.Ordinal);
            if (trunk > 0)
            {
                var cc = run[..trunk];
                var ccDigits = new string(cc.Where(char.IsAsciiDigit).ToArray());
                international = "+" + ccDigits + d[(ccDigits.Length + 1)..];
            }
            return International(international);
        }
        if (hasSlash)
        {
            return null;
        }
        // 1-541-754-3010, 1(123)456-7890, 1 416 555 0123
        if (d.Length == 11 && d[0] == '1' && groups.Count >= 2 && groups[0] == 1)
        {
            return Nanp(d[1..], strict: false);
        }
        if (d.Length == 10)
        {
            var grouped334 = groups.Count == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4;
            if (grouped334)
            {
                return Nanp(d, strict: false);
            }
            if (groups.Count == 1)
            {
                return Nanp(d, strict: true);
            }
        }
        if (d.Length == 11 && d[0] == '1' && groups.Count == 1)
        {
            return Nanp(d[1..], strict: true);
        }
        return null;
    }

    private static string? Nanp(string tenDigits, bool strict)
    {
        if (tenDigits.Length != 10)
        {
            return null;
        }
        if (strict)
        {
            try
            {
                var parsed = Util.Parse("+1" + tenDigits, "CA");
                if (!Util.IsValidNumber(parsed))
                {
                    return null;
                }
            }
            catch (NumberParseException)
            {
                return null;
            }
        }
        return "+1" + tenDigits;
    }

    private static string? International(string text)
    {
        try
        {
            var parsed = Util.Parse(text, "CA");
            return Util.IsPossibleNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    // ---------- spoken digits ----------

    private static string? FromSpoken(string folded)
    {
        var words = SpeechText.Words(folded);
        var best = string.Empty;
        var sb = new StringBuilder(16);
        var i = 0;
        var gap = 0;
        var spokenWords = 0;
        var bestSpoken = 0;
        while (i < words.Count)
        {
            var used = ReadDigits(words, i, sb);
            if (used > 0)
            {
                if (!words[i].All(char.IsAsciiDigit))
                {
                    spokenWords++;
                }
                i += used;
                gap = 0;
                continue;
            }
            var w = words[i];
            if (sb.Length > 0 && gap < 2 && w is "area" or "code" or "dash" or "hyphen" or "and" or "then" or "et" or "is" or "extension"
                or "regional" or "le" or "tiret" or "puis" or "point" or "dot" or "space" or "region" or "indicatif")
            {
                if (w is "extension")
                {
                    break;
                }
                gap++;
                i++;
                continue;
            }
            if (sb.Length > best.Length)
            {
                best = sb.ToString();
                bestSpoken = spokenWords;
            }
            sb.Clear();
            gap = 0;
            spokenWords = 0;
            i++;
        }
        if (sb.Length > best.Length)
        {
            best = sb.ToString();
            bestSpoken = spokenWords;
        }
        // written digit runs are judged by FromWritten; here at least one digit must have been said as a word
        if (bestSpoken == 0)
        {
            return null;
        }
        if (best.Length == 11 && best[0] == '1')
        {
            best = best[1..];
        }
        if (best.Length != 10 || best[0] is '0' or '1')
        {
            return null;
        }
        return Nanp(best, strict: false);
    }

    /// <summary>Appends the digits said at <paramref name="i"/>; returns the words used (0 when not a digit word).</summary>
    private static int ReadDigits(List<string> words, int i, StringBuilder sb)
    {
        var w = words[i];
        if (w.Length > 0 && w.All(char.IsAsciiDigit))
        {
            sb.Append(w);
            return 1;
        }
        if (w is "double" or "triple" or "doublé" && i + 1 < words.Count)
        {
            var tmp = new StringBuilder(4);
            var used = ReadDigits(words, i + 1, tmp);
            if (used == 1 && tmp.Length == 1)
            {
                sb.Append(tmp[0], w == "triple" ? 3 : 2);
                return 2;
            }
            return 0;
        }
        switch (w)
        {
            case "oh" or "o" or "zero":
                sb.Append('0');
                return 1;
            case "to" or "too" or "tu" when sb.Length > 0 || IsDigitWord(words, i + 1):
                sb.Append('2');
                return 1;
            case "for" or "fore" when IsDigitWord(words, i + 1) && (sb.Length > 0 || IsDigitWord(words, i + 2)):
                sb.Append('4');
                return 1;
            case "won" when sb.Length > 0:
                sb.Append('1');
                return 1;
            case "ate" when sb.Length > 0:
                sb.Append('8');
                return 1;
            case "plus" when i + 1 < words.Count && IsDigitWord(words, i + 1):
                return 1;
        }
        if (NumberWords.IsNumberWord(w) && NumberWords.Ordinal(w) < 0)
        {
            var used = NumberWords.Read(words, i, out var value, out var ordinal);
            if (used > 0 && !ordinal)
            {
                sb.Append(value);
                // "eight hundred" is 800, already; "two thousand" → 2000
                return used;
            }
        }
        return 0;
    }

    private static bool IsDigitWord(List<string> words, int i) =>
        i < words.Count && (words[i] is "oh" or "o" or "zero" or "double" or "triple" || NumberWords.Unit(words[i]) >= 0
            || NumberWords.Ten(words[i]) >= 0 || words[i].All(char.IsAsciiDigit));
}
