using System.Runtime.CompilerServices;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Matches what the caller asked for against the business's services and their synonyms, tolerating plurals and
/// small recognition slips ("teeth cleaning" → Cleaning, "hair cuts" → Haircut).
/// </summary>
internal static class ServiceMatcher
{
    /// <summary>Folded words of each service's name and synonyms, computed once per catalogue entry.</summary>
    private static readonly ConditionalWeakTable<ServiceDefinition, List<string>[]> Phrases = [];

    public static string? Match(List<string> words, IReadOnlyList<ServiceDefinition> services)
    {
        if (services.Count == 0 || words.Count == 0)
        {
            return null;
        }
        string? best = null;
        var bestScore = 0;
        foreach (var service in services)
        {
            var score = 0;
            foreach (var phrase in Phrases.GetValue(service, Fold))
            {
                score = Math.Max(score, Score(words, phrase));
            }
            if (score > bestScore)
            {
                bestScore = score;
                best = service.Name;
            }
        }
        return best;
    }

    private static List<string>[] Fold(ServiceDefinition service)
    {
        var result = new List<string>[service.Synonyms.Count + 1];
        result[0] = SpeechText.Words(SpeechText.Fold(service.Name));
        for (var i = 0; i < service.Synonyms.Count; i++)
        {
            result[i + 1] = SpeechText.Words(SpeechText.Fold(service.Synonyms[i]));
        }
        return result;
    }

    private static int Score(List<string> words, List<string> parts)
    {
        var content = 0;
        var matched = 0;
        var matchedChars = 0;
        foreach (var part in parts)
        {
            if (part.Length <= 2 || part is "the" or "and" or "for" or "des" or "les" or "une" or "pour")
            {
                continue;
            }
            content++;
            foreach (var w in words)
            {
                if (Similar(w, part))
                {
                    matched++;
                    matchedChars += part.Length;
                    break;
                }
            }
        }
        if (content == 0 || matched == 0)
        {
            return 0;
        }
        // all words: strong; part of a multi-word name: weaker but still a hint
        return matched == content ? 1000 + matchedChars : matched * 2 >= content ? 100 + matchedChars : 0;
    }

    private static bool Similar(string a, string b)
    {
        a = Stem(a);
        b = Stem(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }
        var min = Math.Min(a.Length, b.Length);
        if (min < 5)
        {
            return false;
        }
        // compounds: "haircut" / "hair cut" handled by the caller's words; here allow one or two slips
        return Distance(a, b) <= (min >= 8 ? 2 : 1);
    }

    private static string Stem(string w)
    {
        if (w.Length > 4 && (w.EndsWith('s') || w.EndsWith('x')) && !w.EndsWith("ss", StringComparison.Ordinal))
        {
            return w[..^1];
        }
        return w;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || b.Length > 40)
        {
            return 3;
        }
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            cur.CopyTo(prev);
        }
        return prev[b.Length];
    }
}
