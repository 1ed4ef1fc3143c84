using Microsoft.Extensions.Localization;
using MudBlazor;

namespace VoiceFlow.Web.Resources;

/// <summary>
/// The few MudBlazor built-in strings the portal shows (the heat map legend's ends), in the portal's own words and
/// languages; every other key falls back to MudBlazor's English.
/// </summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    private static readonly Dictionary<string, string> Ours = new(StringComparer.Ordinal)
    {
        ["HeatMap_Less"] = "Fewer",
        ["HeatMap_More"] = "More",
    };

    public override LocalizedString this[string key] =>
        Ours.TryGetValue(key, out var english) ? localizer[english] : new LocalizedString(key, key, resourceNotFound: true);
}
