using System.Collections.Frozen;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Numbers said as words in English and French: units, teens, tens ("twenty one", "vingt et un",
/// "soixante-dix", "quatre-vingt-dix-neuf"), hundreds, thousands and ordinals ("third", "troisième", "premier").
/// </summary>
internal static class NumberWords
{
    private static readonly FrozenDictionary<string, int> Units = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
        ["un"] = 1, ["une"] = 1, ["deux"] = 2, ["trois"] = 3, ["quatre"] = 4, ["cinq"] = 5, ["sept"] = 7,
        ["huit"] = 8, ["neuf"] = 9, ["dix"] = 10, ["onze"] = 11, ["douze"] = 12, ["treize"] = 13, ["quatorze"] = 14,
        ["quinze"] = 15, ["seize"] = 16,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Tens = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70,
        ["eighty"] = 80, ["ninety"] = 90,
        ["vingt"] = 20, ["trente"] = 30, ["quarante"] = 40, ["cinquante"] = 50, ["soixante"] = 60, ["septante"] = 70,
        ["huitante"] = 80, ["octante"] = 80, ["nonante"] = 90,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> Ordinals = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13,
        ["fourteenth"] = 14, ["fifteenth"] = 15, ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18,
        ["nineteenth"] = 19, ["twentieth"] = 20, ["thirtieth"] = 30,
        ["premier"] = 1, ["premiere"] = 1, ["1er"] = 1, ["unieme"] = 1, ["deuxieme"] = 2, ["seconde"] = 2, ["troisieme"] = 3,
        ["quatrieme"] = 4, ["cinquieme"] = 5, ["sixieme"] = 6, ["septieme"] = 7, ["huitieme"] = 8, ["neuvieme"] = 9,
        ["dixieme"] = 10, ["onzieme"] = 11, ["douzieme"] = 12, ["treizieme"] = 13, ["quatorzieme"] = 14,
        ["quinzieme"] = 15, ["seizieme"] = 16, ["vingtieme"] = 20, ["trentieme"] = 30,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Value of a single cardinal word 0-19 ("seven", "sept", "onze"), or -1.</summary>
    public static int Unit(string word) => Units.TryGetValue(word, out var v) ? v : -1;

    /// <summary>Value of a single tens word ("forty", "soixante"), or -1.</summary>
    public static int Ten(string word) => Tens.TryGetValue(word, out var v) ? v : -1;

    /// <summary>Value of an ordinal word ("third", "troisieme"), or -1.</summary>
    public static int Ordinal(string word) => Ordinals.TryGetValue(word, out var v) ? v : -1;

    /// <summary>True when the word can start or continue a said number.</summary>
    public static bool IsNumberWord(string word) =>
        Units.ContainsKey(word) || Tens.ContainsKey(word) || Ordinals.ContainsKey(word) || word is "hundred" or "cent" or "cents" or "thousand" or "mille";

    /// <summary>
    /// Reads a said number starting at <paramref name="start"/> in <paramref name="words"/>.
    /// Returns the count of words used (0 when none), the value and whether it is an ordinal.
    /// </summary>
    public static int Read(IReadOnlyList<string> words, int start, out int value, out bool ordinal)
    {
        value = 0;
        ordinal = false;
        var used = ReadBelowThousand(words, start, out var v, out ordinal);
        if (used == 0)
        {
            if (start < words.Count && words[start] is "thousand" or "mille")
            {
                v = 1;
            }
            else
            {
                return 0;
            }
        }
        var i = start + used;
        if (!ordinal && i < words.Count && words[i] is "thousand" or "mille" && v is > 0 and < 1000)
        {
            i++;
            if (i < words.Count && words[i] is "and" && i + 1 < words.Count && IsNumberWord(words[i + 1]))
            {
                i++;
            }
            var rest = ReadBelowThousand(words, i, out var r, out ordinal);
            value = (v * 1000) + r;
            return i + rest - start;
        }
        value = v;
        return used;
    }

    private static int ReadBelowThousand(IReadOnlyList<string> words, int start, out int value, out bool ordinal)
    {
        value = 0;
        ordinal = false;
        var i = start;
        var used = ReadBelowHundred(words, i, out var v, out ordinal);
        if (!ordinal && i + used < words.Count && words[i + used] is "hundred" or "cent" or "cents" && (used == 0 || v is > 0 and < 10))
        {
            var h = used == 0 ? 1 : v;
            i += used + 1;
            if (i < words.Count && words[i] is "and" && i + 1 < words.Count && IsNumberWord(words[i + 1]))
            {
                i++;
            }
            var rest = ReadBelowHundred(words, i, out var r, out ordinal);
            value = (h * 100) + r;
            return i + rest - start;
        }
        value = v;
        return used;
    }

    private static int ReadBelowHundred(IReadOnlyList<string> words, int start, out int value, out bool ordinal)
    {
        value = 0;
        ordinal = false;
        if (start >= words.Count)
        {
            return 0;
        }
        var w = words[start];
        var next = start + 1 < words.Count ? words[start + 1] : string.Empty;

        // quatre-vingt(s) [dix [sept|huit|neuf] | onze..seize | [et] un | unit]
        if (w == "quatre" && next is "vingt" or "vingts" or "vingtieme")
        {
            if (next == "vingtieme")
            {
                value = 80;
                ordinal = true;
                return 2;
            }
            value = 80;
            return 2 + ReadTensTail(words, start + 2, french: true, allowTeens: true, ref value, ref ordinal);
        }
        var ten = Ten(w);
        if (ten > 0)
        {
            value = ten;
            var isFrench = w is "vingt" or "trente" or "quarante" or "cinquante" or "soixante" or "septante" or "huitante" or "octante" or "nonante";
            return 1 + ReadTensTail(words, start + 1, isFrench, allowTeens: w == "soixante", ref value, ref ordinal);
        }
        var ord = Ordinal(w);
        if (ord > 0)
        {
            value = ord;
            ordinal = true;
            return 1;
        }
        if (w == "dix" && next is "sept" or "huit" or "neuf")
        {
            value = 10 + Unit(next);
            return 2;
        }
        if (w == "dix" && next is "septieme" or "huitieme" or "neuvieme")
        {
            value = 10 + Ordinal(next);
            ordinal = true;
            return 2;
        }
        var unit = Unit(w);
        if (unit >= 0)
        {
            value = unit;
            return 1;
        }
        return 0;
    }

    private static int ReadTensTail(IReadOnlyList<string> words, int i, bool french, bool allowTeens, ref int value, ref bool ordinal)
    {
        if (i >= words.Count)
        {
            return 0;
        }
        var w = words[i];
        var used = 0;
        if (french && w == "et" && i + 1 < words.Count && words[i + 1] is "un" or "une" or "unieme" or "onze" or "onzieme")
        {
            used = 1;
            w = words[i + 1];
            i++;
        }
        var unit = Unit(w);
        var ord = Ordinal(w);
        if (french && allowTeens && w == "dix")
        {
            var next = i + 1 < words.Count ? words[i + 1] : string.Empty;
            if (next is "sept" or "huit" or "neuf")
            {
                value += 10 + Unit(next);
                return used + 2;
            }
            if (next is "septieme" or "huitieme" or "neuvieme")
            {
                value += 10 + Ordinal(next);
                ordinal = true;
                return used + 2;
            }
            value += 10;
            return used + 1;
        }
        if (unit is >= 1 and <= 9 || (allowTeens && unit is >= 10 and <= 16))
        {
            value += unit;
            return used + 1;
        }
        if (ord is >= 1 and <= 9 || (allowTeens && ord is >= 10 and <= 16))
        {
            value += ord;
            ordinal = true;
            return used + 1;
        }
        return 0;
    }
}
