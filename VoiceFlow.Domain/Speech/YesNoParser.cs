namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Yes/no answers and corrections in both languages: "yeah", "sure", "that's right", "nope", "no, Thursday",
/// "oui", "non", "c'est ça", "pas du tout". The first clear answer wins; "not ok" is a no.
/// </summary>
internal static class YesNoParser
{
    private static readonly string[] YesPhrases =
    [
        "that's right", "thats right", "that is right", "that's correct", "that is correct", "sounds good", "that works", "go ahead",
        "of course", "please do", "no problem", "no worries", "why not", "c'est ca", "c'est bon", "c'est correct", "c'est parfait",
        "ca marche", "ca me va", "bien sur", "pas de probleme", "sans probleme", "pas de souci", "you bet", "all right", "alright",
        "i agree", "for sure", "that's it", "c'est exact",
    ];

    private static readonly string[] NoPhrases =
    [
        "not ok", "not okay", "not right", "not correct", "not good", "not really", "no thanks", "no thank you", "not at all",
        "pas du tout", "pas vraiment", "pas d'accord", "pas correct", "pas bon", "pas ca", "pas question", "i disagree",
        "don't", "do not", "wrong", "n'est pas", "c'est pas",
    ];

    private static readonly HashSet<string> StrongYes = ["yes", "yeah", "yep", "yup", "yea", "ya", "yah", "oui", "ouais", "ouaip", "ok", "okay"];

    private static readonly HashSet<string> StrongNo = ["no", "nope", "nah", "non", "nan", "nay"];

    private static readonly HashSet<string> WeakYes =
    [
        "sure", "correct", "right", "absolutely", "definitely", "certainly", "perfect", "exactly", "affirmative", "agree", "agreed",
        "fine", "great", "k", "exact", "exactement", "parfait", "certainement", "absolument", "d'accord", "daccord", "volontiers",
        "entendu", "super", "yess", "yesss", "oké", "confirm", "confirmed", "mhm", "mmhmm", "uhhuh", "yessir", "aye", "affirmatif",
    ];

    private static readonly HashSet<string> WeakNo =
    [
        "negative", "disagree", "never", "jamais", "incorrect", "nope",
    ];

    public static bool? Parse(List<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }
        // a clear first word decides: "yes... I said no onions", "no. I said the fourth of July"
        var first = words[0];
        if (words.Count == 1 && first is "y" or "huh")
        {
            return true; // "y", "uh-huh" (the "uh" is dropped as a filler)
        }
        if (words.Count == 1 && first is "n")
        {
            return false;
        }
        if (StrongNo.Contains(first))
        {
            return words.Count > 1 && words[1] is "problem" or "worries" or "doubt" ? true : false;
        }
        if (StrongYes.Contains(first) && !(words.Count > 1 && words[1] is "not"))
        {
            return true;
        }
        // "agree, it is not ok": an explicit negated yes is a no
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "not" or "pas" && i + 1 < words.Count && (WeakYes.Contains(words[i + 1]) || StrongYes.Contains(words[i + 1])))
            {
                return false;
            }
        }
        for (var i = 0; i < words.Count; i++)
        {
            if (StartsPhrase(words, i, NoPhrases))
            {
                return false;
            }
            if (StartsPhrase(words, i, YesPhrases))
            {
                return true;
            }
            var w = words[i];
            if (StrongNo.Contains(w) || WeakNo.Contains(w))
            {
                return words.Count > i + 1 && words[i + 1] is "problem" or "worries" ? true : false;
            }
            if (StrongYes.Contains(w) || WeakYes.Contains(w))
            {
                return true;
            }
        }
        return null;
    }

    private static bool StartsPhrase(List<string> words, int i, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (SpeechText.PhraseAt(words, i, phrase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"no, Thursday", "actually Friday", "non, plutôt jeudi": the caller is changing what was read back.</summary>
    public static bool IsCorrection(List<string> words)
    {
        if (words.Count == 0)
        {
            return false;
        }
        foreach (var cue in (string[])["actually", "i meant", "i mean", "i said", "instead", "rather", "make it", "change it to", "plutot",
            "en fait", "je voulais dire", "j'ai dit", "non pas", "pas ca"])
        {
            if (SpeechText.HasPhrase(words, cue))
            {
                return true;
            }
        }
        if (words[0] is "no" or "non" or "nope" or "nah")
        {
            for (var i = 1; i < words.Count; i++)
            {
                if (words[i] is not ("no" or "non" or "thanks" or "thank" or "you" or "merci" or "that's" or "all" or "it" or "is" or "not" or "pas"
                    or "c'est" or "tout" or "ca" or "va" or "way" or "sorry" or "desole"))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
