using System.Text;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Names as callers give them: "it's Jean-François Tremblay", "my name is Mary O'Brien", "Smith, S-M-I-T-H",
/// spelled letters (with "zed"). Output is cased for display: Mc/Mac, hyphens and apostrophes ("McDonald", "O'Brien").
/// </summary>
internal static class NameParser
{
    private static readonly string[][] Introductions =
    [
        ["my", "name", "is"], ["my", "names"], ["my", "name's"], ["the", "name", "is"], ["name", "is"], ["name's"],
        ["je", "m'appelle"], ["je", "mappelle"], ["mon", "nom", "est"], ["mon", "nom", "c'est"], ["moi", "c'est"],
        ["it's"], ["it", "is"], ["its"], ["this", "is"], ["i'm"], ["i", "am"], ["im"], ["call", "me"], ["c'est"], ["ici"], ["je", "suis"],
        ["under"], ["sous"], ["put", "it", "under"], ["it's", "under"],
    ];

    private static readonly HashSet<string> StrongIntroductions = ["my name is", "my names", "my name's", "the name is", "name is", "name's",
        "je m'appelle", "je mappelle", "mon nom est", "mon nom c'est", "moi c'est", "call me"];

    private static readonly HashSet<string> Skip = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "hi", "hello", "hey", "oui", "bonjour", "allo", "alo", "salut", "ok", "okay", "sure", "well", "so", "oh", "and",
        "it's", "its", "um", "uh", "euh", "er", "hum", "hmm", "sorry", "pardon",
    };

    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "speaking", "here", "please", "thanks", "thank", "merci", "and", "et", "my", "mon", "ma", "i", "i'd", "i'm", "je", "calling",
        "from", "with", "at", "for", "pour", "avec", "to", "the", "phone", "number", "numero", "s'il", "svp", "who", "qui", "but", "mais",
    };

    private static readonly Dictionary<string, char> LetterNames = new(StringComparer.Ordinal)
    {
        ["zed"] = 'z', ["zee"] = 'z', ["zede"] = 'z', ["aitch"] = 'h', ["ess"] = 's', ["dee"] = 'd', ["bee"] = 'b', ["cee"] = 'c',
        ["gee"] = 'g', ["jay"] = 'j', ["kay"] = 'k', ["el"] = 'l', ["em"] = 'm', ["pee"] = 'p', ["cue"] = 'q', ["ar"] = 'r',
        ["tee"] = 't', ["vee"] = 'v', ["ex"] = 'x', ["why"] = 'y', ["wye"] = 'y', ["ay"] = 'a', ["eff"] = 'f', ["ef"] = 'f',
    };

    /// <param name="text">The utterance as heard (accents kept for the output).</param>
    /// <param name="requireIntroduction">When true (open question), a name is returned only after "my name is" and the like.</param>
    public static string? Parse(string text, bool requireIntroduction)
    {
        if (text.Length > SpeechText.MaxLength)
        {
            text = text[..SpeechText.MaxLength];
        }
        var words = SplitWords(text, out var separatorsBefore);
        if (words.Count == 0)
        {
            return null;
        }
        var keys = new List<string>(words.Count);
        foreach (var w in words)
        {
            keys.Add(SpeechText.Fold(w).Replace('’', '\''));
        }
        var start = 0;
        var introduced = false;
        var weak = false;
        for (var p = 0; p < keys.Count && !introduced; p++)
        {
            foreach (var intro in Introductions)
            {
                if (Matches(keys, p, intro))
                {
                    start = p + intro.Length;
                    introduced = true;
                    weak = !StrongIntroductions.Contains(string.Join(' ', intro));
                    break;
                }
            }
            if (p >= 3)
            {
                break;
            }
        }
        if (requireIntroduction && !introduced)
        {
            return null;
        }
        while (start < keys.Count && Skip.Contains(keys[start]))
        {
            start++;
        }
        var nameWords = new List<string>(4);
        var spelled = new StringBuilder();
        var closed = false;
        for (var i = start; i < words.Count; i++)
        {
            var key = keys[i];
            var letter = LetterOf(words[i], key);
            var nextIsLetter = i + 1 < words.Count && LetterOf(words[i + 1], keys[i + 1]) != '\0';
            if (letter != '\0' && (nextIsLetter || spelled.Length > 0))
            {
                spelled.Append(letter);
                closed = true;
                continue;
            }
            if (spelled.Length > 0)
            {
                break;
            }
            if (closed)
            {
                continue;
            }
            if (Stop.Contains(key) || (nameWords.Count > 0 && separatorsBefore[i] is '.' or '!' or '?' or ';'))
            {
                closed = nameWords.Count > 0;
                continue;
            }
            if (!IsNameWord(words[i]) || nameWords.Count >= 5)
            {
                closed = nameWords.Count > 0;
                continue;
            }
            nameWords.Add(words[i]);
        }
        if (spelled.Length >= 2)
        {
            var s = spelled.ToString();
            var replaced = false;
            for (var k = 0; k < nameWords.Count; k++)
            {
                if (string.Equals(SpeechText.Fold(nameWords[k]).Replace("-", string.Empty, StringComparison.Ordinal).Replace("'", string.Empty, StringComparison.Ordinal), s, StringComparison.Ordinal))
                {
                    replaced = true;
                }
            }
            if (!replaced)
            {
                if (nameWords.Count > 0)
                {
                    nameWords[^1] = s;
                }
                else
                {
                    nameWords.Add(s);
                }
            }
        }
        if (nameWords.Count == 0)
        {
            return null;
        }
        // in open speech "it's ..." / "this is ..." / "c'est ..." only introduces a name the recogniser capitalised
        if (requireIntroduction && weak && spelled.Length == 0)
        {
            foreach (var w in nameWords)
            {
                var k = SpeechText.Fold(w);
                if (!char.IsUpper(w[0]) || CalendarWords.Weekday(k) != NodaTime.IsoDayOfWeek.None || CalendarWords.Month(k) > 0
                    || NumberWords.IsNumberWord(k) || k is "tomorrow" or "today" or "tonight" or "demain" or "noon" or "midi" or "ok" or "okay"
                    || k.Length < 2 || k is "french" or "english" or "francais" or "anglais")
                {
                    return null;
                }
            }
        }
        var sb = new StringBuilder();
        foreach (var w in nameWords)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(CaseName(w, sb.Length == 0));
        }
        return sb.ToString();
    }

    private static bool Matches(List<string> keys, int p, string[] phrase)
    {
        if (p + phrase.Length > keys.Count)
        {
            return false;
        }
        for (var j = 0; j < phrase.Length; j++)
        {
            if (!string.Equals(keys[p + j], phrase[j], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static char LetterOf(string word, string key)
    {
        if (word.Length == 1 && char.IsLetter(word[0]))
        {
            return char.ToLowerInvariant(SpeechText.Fold(word)[0]);
        }
        return LetterNames.TryGetValue(key, out var c) ? c : '\0';
    }

    private static bool IsNameWord(string w)
    {
        if (w.Length < 2 || w.Length > 30)
        {
            return false;
        }
        foreach (var c in w)
        {
            if (!char.IsLetter(c) && c is not '-' and not '\'' and not '’')
            {
                return false;
            }
        }
        return char.IsLetter(w[0]);
    }

    /// <summary>Words with inner hyphens and apostrophes kept; single letters split out of "S-M-I-T-H".</summary>
    private static List<string> SplitWords(string text, out List<char> separatorBefore)
    {
        var words = new List<string>(8);
        separatorBefore = new List<char>(8);
        var sep = ' ';
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (c is '.' or ',' or '!' or '?' or ';')
                {
                    sep = c;
                }
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                || (text[i] is '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)))
            {
                i++;
            }
            var w = text[start..i];
            // "S-M-I-T-H": a hyphenated run of single letters is a spelling
            if (w.Length >= 3 && w.Contains('-', StringComparison.Ordinal) && w.Split('-').All(p => p.Length == 1))
            {
                foreach (var p in w.Split('-'))
                {
                    words.Add(p);
                    separatorBefore.Add(sep);
                    sep = ' ';
                }
                continue;
            }
            words.Add(SpeechText.IsFiller(SpeechText.Fold(w)) ? string.Empty : w);
            separatorBefore.Add(sep);
            sep = ' ';
            if (words[^1].Length == 0)
            {
                words.RemoveAt(words.Count - 1);
                separatorBefore.RemoveAt(separatorBefore.Count - 1);
            }
        }
        return words;
    }

    /// <summary>Display casing: "o'brien" → "O'Brien", "mcdonald" → "McDonald", "jean-françois" → "Jean-François".</summary>
    internal static string CaseName(string word, bool first)
    {
        var lower = word.ToLowerInvariant().Replace('’', '\'');
        if (!first && lower is "de" or "du" or "des" or "van" or "von" or "da" or "di" or "del" or "della")
        {
            return lower;
        }
        var sb = new StringBuilder(lower.Length);
        var capitalizeNext = true;
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            sb.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
            capitalizeNext = c is '-' or '\'' && i > 0;
        }
        var result = sb.ToString();
        // Mc / Mac prefixes (MacDonald, but not Mack, Macy, Machado)
        if (result.Length > 3 && result.StartsWith("Mc", StringComparison.Ordinal) && char.IsLetter(result[2]))
        {
            result = string.Concat("Mc", char.ToUpperInvariant(result[2]).ToString(), result[3..]);
        }
        else if (result.Length >= 6 && result.StartsWith("Mac", StringComparison.Ordinal) && result[3] is not ('h' or 'k' or 'e' or 'i' or 'a' or 'o' or 'u' or 'y' or '-'))
        {
            result = string.Concat("Mac", char.ToUpperInvariant(result[3]).ToString(), result[4..]);
        }
        return result;
    }
}
