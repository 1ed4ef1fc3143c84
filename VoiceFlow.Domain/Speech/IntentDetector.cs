namespace VoiceFlow.Domain.Speech;

/// <summary>
/// What the caller wants, from keywords and short phrases in either language, plus a request to switch language.
/// Checked most specific first: a person, cancel, reschedule, confirm, book, hours, repeat, goodbye.
/// </summary>
internal static class IntentDetector
{
    private static readonly (Intent Intent, string[] Phrases)[] Rules =
    [
        (Intent.Human, ["person", "human", "agent", "representative", "operator", "receptionist", "someone", "somebody", "real person",
            "staff", "speak to", "talk to", "speak with", "talk with", "quelqu'un", "personne", "une personne", "un agent", "receptionniste",
            "parler a", "parler avec", "un humain", "preposee", "prepose", "operateur", "operatrice", "standardiste"]),
        (Intent.Cancel, ["cancel", "cancellation", "call off", "annuler", "annulation", "annule", "won't make it", "can't make it", "cant make it"]),
        (Intent.Reschedule, ["reschedule", "re schedule", "move my", "move the", "move it", "change my appointment", "change the appointment",
            "change my booking", "change the time", "change the date", "different time", "different day", "another time", "another day",
            "postpone", "push back", "deplacer", "changer mon", "changer le", "changer la", "reporter", "remettre", "une autre date",
            "une autre heure", "un autre moment", "un autre jour", "decaler"]),
        (Intent.Confirm, ["confirm", "confirmation", "confirmer", "do i have an appointment", "when is my appointment", "check my appointment",
            "est-ce que j'ai un rendez-vous", "mon rendez-vous est quand", "verify my", "verifier mon", "c'est quand mon"]),
        (Intent.Book, ["book", "booking", "make an appointment", "an appointment", "schedule", "appointment", "reserve", "reservation",
            "opening", "availability", "available", "come in", "get in", "i'd like a", "i need a", "i want a", "sign up",
            "see the", "see a", "see dr", "see doctor", "see the doctor", "get in to see", "consultation", "voir le", "voir la", "voir un", "voir une",
            "reserver", "rendez-vous", "rendez vous", "prendre un", "un rdv", "rdv", "disponibilite", "disponible", "je voudrais un",
            "je voudrais une", "j'aimerais un", "j'aimerais une", "prendre rendez"]),
        (Intent.Hours, ["hours", "open", "opened", "close", "closed", "closing", "opening hours", "business hours", "location", "address",
            "where are you", "where is", "located", "directions", "parking", "heures d'ouverture", "ouvert", "ouverte", "ouverts", "ouvertes", "ferme", "fermez",
            "horaire", "horaires", "adresse", "ou etes-vous", "ou etes vous", "situe", "situes", "ou se trouve"]),
        (Intent.Repeat, ["repeat", "say that again", "say again", "come again", "what was that", "didn't catch", "didn't hear", "pardon",
            "sorry what", "one more time", "repeter", "repetez", "repete", "encore une fois", "j'ai pas compris", "je n'ai pas compris", "quoi"]),
        (Intent.Goodbye, ["bye", "goodbye", "good bye", "bye bye", "that's all", "that is all", "that's it", "hang up", "have a good day",
            "au revoir", "bonne journee", "bonne soiree", "c'est tout", "salut", "ciao", "a la prochaine", "nothing else", "rien d'autre"]),
    ];

    public static Intent? Detect(List<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }
        foreach (var (intent, phrases) in Rules)
        {
            foreach (var phrase in phrases)
            {
                var at = SpeechText.IndexOfPhrase(words, phrase);
                if (at < 0)
                {
                    continue;
                }
                // "what time do you open" is hours; "the first opening" is booking; "no one" is not a person
                if (intent == Intent.Human && phrase == "personne" && at > 0 && words[at - 1] is "ne" or "n'y" or "y")
                {
                    continue;
                }
                if (intent == Intent.Book && phrase == "opening" && SpeechText.HasPhrase(words, "opening hours"))
                {
                    continue;
                }
                if (intent == Intent.Hours && phrase is "open" or "close" or "closed" && SpeechText.HasPhrase(words, "book"))
                {
                    continue;
                }
                return intent;
            }
        }
        return null;
    }

    /// <summary>"français", "in French", "english please", "en anglais": the language the caller asks for, or null.</summary>
    public static string? LanguageSwitch(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var negated = false;
            for (var k = Math.Max(0, i - 3); k < i; k++)
            {
                negated |= words[k] is "not" or "don't" or "dont" or "pas" or "can't" or "cant" or "never" or "jamais";
            }
            if (negated)
            {
                continue;
            }
            if (w is "francais" or "french" or "franglais")
            {
                return "fr-CA";
            }
            if (w is "english" or "anglais" or "inglese")
            {
                return "en-CA";
            }
        }
        return null;
    }
}
