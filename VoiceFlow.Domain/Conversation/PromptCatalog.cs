using System.Globalization;
using System.Resources;
using System.Text;

namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// The receptionist's wording, by prompt id, from Prompts.resx (English) and Prompts.fr.resx (French). A business's
/// <see cref="ConversationContext.PromptOverrides"/> entry "{id}.{language}" (e.g. "greeting.fr-CA") wins over the file.
/// Placeholders are named: "{business}", "{when}", ... Unknown placeholders are left as they are.
/// </summary>
public static class PromptCatalog
{
    private static readonly ResourceManager Resources = new("VoiceFlow.Domain.Conversation.Prompts", typeof(PromptCatalog).Assembly);

    /// <summary>The text of prompt <paramref name="id"/> in <paramref name="language"/> from the resource files, or null.</summary>
    public static string? Default(string id, string language)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(Common.Language.Normalize(language));
            return Resources.GetString(id, culture);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }

    /// <summary>The prompt as this business says it, with placeholders filled; never throws, falls back to the id.</summary>
    public static string Get(string id, string language, IReadOnlyDictionary<string, string>? overrides, params (string Name, string Value)[] values)
    {
        language = Common.Language.Normalize(language);
        string? text = null;
        if (overrides is not null && overrides.TryGetValue($"{id}.{language}", out var custom) && !string.IsNullOrWhiteSpace(custom))
        {
            text = custom;
        }
        text ??= Default(id, language) ?? id;
        if (values.Length == 0 || !text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }
        var builder = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", value);
        }
        return builder.ToString();
    }
}
