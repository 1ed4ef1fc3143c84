namespace VoiceFlow.Domain.Common;

/// <summary>The two languages VoiceFlow speaks, as BCP-47 tags.</summary>
public static class Language
{
    public const string English = "en-CA";
    public const string French = "fr-CA";

    public static bool IsSupported(string? tag) => tag is English or French;

    public static string Normalize(string? tag) =>
        tag is not null && tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
}
