namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Splits folded text into tokens: words, numbers (digits or words, merged: "vingt et un" → 21), ordinals
/// ("3rd", "third") and written compounds ("3:30", "2/15", "2018-7-6"). Fillers and punctuation are dropped.
/// </summary>
internal static class SpeechTokenizer
{
    public static List<SpeechToken> Tokenize(string folded)
    {
        var raw = new List<string>(24);
        var kinds = new List<byte>(24); // 0 word, 1 digits, 2 compound, 3 ordinal-suffixed digits
        Split(folded, raw, kinds);
        var tokens = new List<SpeechToken>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var w = raw[i];
            switch (kinds[i])
            {
                case 1:
                    tokens.Add(new SpeechToken(w, w.Length <= 9 ? int.Parse(w, System.Globalization.CultureInfo.InvariantCulture) : -1, false, true));
                    continue;
                case 2:
                    tokens.Add(new SpeechToken(w, -1, false, true, true));
                    continue;
                case 3:
                    tokens.Add(new SpeechToken(w, int.Parse(w, System.Globalization.CultureInfo.InvariantCulture), true, true));
                    continue;
            }
            if (SpeechText.IsFiller(w))
            {
                continue;
            }
            if (w == "o" && i + 1 < raw.Count && raw[i + 1] == "clock")
            {
                tokens.Add(new SpeechToken("oclock"));
                i++;
                continue;
            }
            // a.m. / p.m. written with dots or spaces
            if (w is "a" or "p" && i + 1 < raw.Count && raw[i + 1] == "m" && kinds[i + 1] == 0)
            {
                tokens.Add(new SpeechToken(w == "a" ? "am" : "pm"));
                i++;
                continue;
            }
            if (NumberWords.IsNumberWord(w) && !IsUnitSecond(raw, kinds, i))
            {
                var used = NumberWords.Read(raw, i, out var value, out var ordinal);
                if (used > 0 && AllWords(kinds, i, used))
                {
                    var text = used == 1 ? w : string.Join(' ', raw.GetRange(i, used));
                    tokens.Add(new SpeechToken(text, value, ordinal));
                    i += used - 1;
                    continue;
                }
            }
            tokens.Add(new SpeechToken(w));
        }
        return tokens;
    }

    private static bool AllWords(List<byte> kinds, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (kinds[i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>"second" is a unit after a number or article ("in 5 seconds", "a second"), an ordinal otherwise.</summary>
    private static bool IsUnitSecond(List<string> raw, List<byte> kinds, int i)
    {
        if (raw[i] is not ("second" or "seconde"))
        {
            return false;
        }
        if (i == 0)
        {
            return false;
        }
        var prev = raw[i - 1];
        return kinds[i - 1] != 0 || prev is "a" or "one" or "une" or "la" or "per" || NumberWords.Unit(prev) >= 0 || NumberWords.Ten(prev) >= 0;
    }

    private static void Split(string s, List<string> raw, List<byte> kinds)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                var slashSpaced = false;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }
                var compound = false;
                while (true)
                {
                    // "2 / 15": spaces around a slash between digits
                    if (i + 3 < s.Length && s[i] == ' ' && s[i + 1] == '/' && s[i + 2] == ' ' && char.IsAsciiDigit(s[i + 3]))
                    {
                        i += 3;
                        slashSpaced = true;
                        compound = true;
                        while (i < s.Length && char.IsAsciiDigit(s[i]))
                        {
                            i++;
                        }
                        continue;
                    }
                    if (!(i + 1 < s.Length && (s[i] is ':' or '/' or '-' or '.' || IsDecimalComma(s, i)) && char.IsAsciiDigit(s[i + 1])))
                    {
                        break;
                    }
                    compound = true;
                    i++;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        i++;
                    }
                }
                var num = slashSpaced ? s[start..i].Replace(" / ", "/", StringComparison.Ordinal) : s[start..i];
                // ordinal suffix glued to the digits: 1st, 2nd, 3e, 3eme, 1er, 2ieme
                if (!compound && i < s.Length && char.IsLetter(s[i]))
                {
                    var ls = i;
                    while (i < s.Length && char.IsLetter(s[i]))
                    {
                        i++;
                    }
                    var suffix = s[ls..i];
                    if (suffix is "st" or "nd" or "rd" or "th" or "er" or "ere" or "re" or "e" or "eme" or "ieme" or "d" or "ème" && num.Length <= 2)
                    {
                        raw.Add(num);
                        kinds.Add(3);
                        continue;
                    }
                    raw.Add(num);
                    kinds.Add(num.Length <= 9 ? (byte)1 : (byte)0);
                    raw.Add(suffix);
                    kinds.Add(0);
                    continue;
                }
                raw.Add(num);
                kinds.Add(compound ? (byte)2 : num.Length <= 9 ? (byte)1 : (byte)0);
                continue;
            }
            if (char.IsLetter(c))
            {
                var start = i;
                while (i < s.Length && (char.IsLetter(s[i]) || (s[i] == '\'' && i + 1 < s.Length && char.IsLetter(s[i + 1]))))
                {
                    i++;
                }
                AddWord(s[start..i], raw, kinds);
                continue;
            }
            if (c == '@')
            {
                raw.Add("at");
                kinds.Add(0);
            }
            else if (c == '&')
            {
                raw.Add("and");
                kinds.Add(0);
            }
            i++;
        }
    }

    /// <summary>"2,5" (French decimal): a comma followed by one or two digits, not a thousands separator.</summary>
    private static bool IsDecimalComma(string s, int i) =>
        s[i] == ',' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])
        && (i + 2 >= s.Length || !char.IsAsciiDigit(s[i + 2]) || i + 3 >= s.Length || !char.IsAsciiDigit(s[i + 3]));

    private static void AddWord(string w, List<string> raw, List<byte> kinds)
    {
        var q = w.IndexOf('\'', StringComparison.Ordinal);
        if (q < 0)
        {
            raw.Add(w);
            kinds.Add(0);
            return;
        }
        switch (w)
        {
            case "o'clock":
                raw.Add("oclock");
                kinds.Add(0);
                return;
            case "aujourd'hui":
                raw.Add("aujourdhui");
                kinds.Add(0);
                return;
        }
        var head = w[..q];
        var tail = w[(q + 1)..];
        string? mapped = head switch
        {
            "l" => "le",
            "d" => "de",
            "j" => "je",
            "qu" => "que",
            "jusqu" => "jusque",
            "c" => "ce",
            "s" => "se",
            "n" => "ne",
            "m" => "me",
            "t" => "te",
            _ => null,
        };
        if (mapped is not null)
        {
            raw.Add(mapped);
            kinds.Add(0);
            AddWord(tail, raw, kinds);
            return;
        }
        // English contractions: keep the head ("that's" → "that", "i'll" → "i"), drop the clitic.
        raw.Add(head);
        kinds.Add(0);
        if (tail is not ("s" or "ll" or "m" or "re" or "d" or "ve" or "t"))
        {
            AddWord(tail, raw, kinds);
        }
    }
}
