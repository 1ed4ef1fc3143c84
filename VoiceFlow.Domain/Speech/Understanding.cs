namespace VoiceFlow.Domain.Speech;

/// <summary>Everything understood from one caller utterance. Fields that were not said are null.</summary>
/// <param name="Text">The utterance as heard.</param>
/// <param name="DateTime">Date and/or time said, resolved.</param>
/// <param name="PhoneE164">Phone number in E.164 form, e.g. +14165550123.</param>
/// <param name="Name">Person's name, cased for display ("Mary O'Brien").</param>
/// <param name="Yes">True for yes, false for no, null when neither was said.</param>
/// <param name="IsCorrection">True when the caller corrects the last read-back ("no, Thursday").</param>
/// <param name="Intent">What the caller wants, when said.</param>
/// <param name="Service">Canonical name of the service asked for.</param>
/// <param name="LanguageSwitch">"en-CA" or "fr-CA" when the caller asks to switch language.</param>
public sealed record Understanding(
    string Text,
    DateTimeResult? DateTime,
    string? PhoneE164,
    string? Name,
    bool? Yes,
    bool IsCorrection,
    Intent? Intent,
    string? Service,
    string? LanguageSwitch);
