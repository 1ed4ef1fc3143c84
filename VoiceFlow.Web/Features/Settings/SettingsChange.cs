namespace VoiceFlow.Web.Features.Settings;

/// <summary>
/// One thing a save changed, as an English label (a resource key with {0}/{1} placeholders) and its arguments.
/// Arguments that are weekday names (Monday) are shown in the user's language.
/// </summary>
public sealed record SettingsChange(string Label, string? Argument = null, string? Argument2 = null);
