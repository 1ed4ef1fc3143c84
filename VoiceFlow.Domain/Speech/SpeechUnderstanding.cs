namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Understands what a caller said, in English or French: dates and times, phone numbers, names, yes/no,
/// intents, services and language switches. Pure and thread-safe; never throws on odd input (empty, very long,
/// emoji, markup): what cannot be understood is null.
/// </summary>
public static class SpeechUnderstanding
{
    /// <summary>Everything that applies, for an open question ("How can I help?").</summary>
    public static Understanding Understand(string? text, SpeechContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        text ??= string.Empty;
        var folded = SpeechText.Fold(text);
        var words = SpeechText.Words(folded);
        var phone = PhoneParser.Parse(folded);
        var dateTime = phone is null ? new DateTimeParser(SpeechTokenizer.Tokenize(folded), context).Parse() : null;
        return new Understanding(
            text,
            dateTime,
            phone,
            NameParser.Parse(text, requireIntroduction: true),
            YesNoParser.Parse(words),
            YesNoParser.IsCorrection(words),
            IntentDetector.Detect(words),
            ServiceMatcher.Match(words, context.Services),
            IntentDetector.LanguageSwitch(words));
    }

    /// <summary>A date and/or time ("next Tuesday at half past three", "mardi prochain vers 10 h"), resolved against the context; null when none.</summary>
    public static DateTimeResult? ParseDateTime(string? text, SpeechContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return new DateTimeParser(SpeechTokenizer.Tokenize(SpeechText.Fold(text)), context).Parse();
    }

    /// <summary>A phone number in E.164 (+14165550123), said in digits or words; null when no complete number was given.</summary>
    public static string? ParsePhone(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : PhoneParser.Parse(SpeechText.Fold(text));

    /// <summary>
    /// A person's name, cased for display. After the agent asked for a name, pass <paramref name="requireIntroduction"/> false
    /// so a bare "Mary O'Brien" counts; in open speech only "my name is ..." and the like are taken.
    /// </summary>
    public static string? ParseName(string? text, bool requireIntroduction = false) =>
        string.IsNullOrWhiteSpace(text) ? null : NameParser.Parse(text, requireIntroduction);

    /// <summary>True for yes ("yeah", "c'est ça"), false for no ("nope", "pas du tout"), null when neither.</summary>
    public static bool? ParseYesNo(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : YesNoParser.Parse(SpeechText.Words(SpeechText.Fold(text)));

    /// <summary>True when the caller corrects what was read back ("no, Thursday", "actually 4").</summary>
    public static bool IsCorrection(string? text) =>
        !string.IsNullOrWhiteSpace(text) && YesNoParser.IsCorrection(SpeechText.Words(SpeechText.Fold(text)));

    /// <summary>What the caller wants to do, or null.</summary>
    public static Intent? DetectIntent(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : IntentDetector.Detect(SpeechText.Words(SpeechText.Fold(text)));

    /// <summary>The canonical name of the service asked for, matched fuzzily against names and synonyms; null when none.</summary>
    public static string? MatchService(string? text, IReadOnlyList<ServiceDefinition> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return string.IsNullOrWhiteSpace(text) ? null : ServiceMatcher.Match(SpeechText.Words(SpeechText.Fold(text)), services);
    }

    /// <summary>"fr-CA" or "en-CA" when the caller asks for that language ("français", "English please"); null otherwise.</summary>
    public static string? DetectLanguageSwitch(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : IntentDetector.LanguageSwitch(SpeechText.Words(SpeechText.Fold(text)));
}
