using System.Text;

namespace VoiceFlow.Domain.Speech;

/// <summary>Low-level text clean-up shared by the parsers: lower case, no accents, plain apostrophes.</summary>
internal static class SpeechText
{
    /// <summary>Longest input the parsers look at; longer speech is truncated (a turn is never this long).</summary>
    public const int MaxLength = 2000;

    /// <summary>Lower-cases, folds accents (é→e, ç→c, œ→oe) and curly quotes; keeps other characters.</summary>
    public static string Fold(string text)
    {
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
        }
        var sb = new StringBuilder(text.Length + 8);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case 'à' or 'â' or 'ä' or 'á' or 'ã' or 'å': sb.Append('a'); break;
                case 'é' or 'è' or 'ê' or 'ë': sb.Append('e'); break;
                case 'î' or 'ï' or 'í' or 'ì': sb.Append('i'); break;
                case 'ô' or 'ö' or 'ó' or 'ò' or 'õ': sb.Append('o'); break;
                case 'ù' or 'û' or 'ü' or 'ú': sb.Append('u'); break;
                case 'ç': sb.Append('c'); break;
                case 'ÿ': sb.Append('y'); break;
                case 'ñ': sb.Append('n'); break;
                case 'œ': sb.Append("oe"); break;
                case 'æ': sb.Append("ae"); break;
                case '’' or '‘' or '`' or '´' or 'ʼ': sb.Append('\''); break;
                case '–' or '—' or '‐' or '‑': sb.Append('-'); break;
                case '\u00a0' or '\u202f' or '\t' or '\r' or '\n': sb.Append(' '); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Words (letters and apostrophes) of folded text, with filler words removed.</summary>
    public static List<string> Words(string folded)
    {
        var words = new List<string>();
        var i = 0;
        while (i < folded.Length)
        {
            if (!char.IsLetterOrDigit(folded[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < folded.Length && (char.IsLetterOrDigit(folded[i])
                || (folded[i] == '\'' && i + 1 < folded.Length && char.IsLetter(folded[i + 1]) && i > start)))
            {
                i++;
            }
            var w = folded[start..i];
            if (!IsFiller(w))
            {
                words.Add(w);
            }
        }
        return words;
    }

    /// <summary>Hesitations the recogniser transcribes: "um", "uh", "euh", "hmm"...</summary>
    public static bool IsFiller(string word) => word is "um" or "umm" or "uh" or "uhh" or "uhm" or "euh" or "heu" or "hum"
        or "hmm" or "hm" or "mm" or "mmm" or "er" or "erm" or "ah" or "eh" or "ben" or "bah" or "like";

    /// <summary>True when <paramref name="words"/> contains the phrase (space separated) as consecutive words.</summary>
    public static bool HasPhrase(List<string> words, string phrase) => IndexOfPhrase(words, phrase) >= 0;

    /// <summary>Index of the first word of the phrase in <paramref name="words"/>, or -1.</summary>
    public static int IndexOfPhrase(List<string> words, string phrase, int from = 0)
    {
        for (var i = from; i < words.Count; i++)
        {
            if (PhraseAt(words, i, phrase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>True when the phrase (space separated) starts at word <paramref name="i"/>; allocation-free.</summary>
    public static bool PhraseAt(List<string> words, int i, string phrase)
    {
        var p = 0;
        while (p < phrase.Length)
        {
            if (i >= words.Count)
            {
                return false;
            }
            var space = phrase.IndexOf(' ', p);
            var end = space < 0 ? phrase.Length : space;
            if (!phrase.AsSpan(p, end - p).SequenceEqual(words[i]))
            {
                return false;
            }
            i++;
            p = end + 1;
        }
        return true;
    }
}
