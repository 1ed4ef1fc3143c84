using System.Globalization;
using Microsoft.Extensions.Localization;
using VoiceFlow.Web.Features.Settings;
using VoiceFlow.Web.Resources;

namespace VoiceFlow.Web.Components.Pages.Settings;

/// <summary>What the settings tabs say after a save, in the user's language.</summary>
public static class SettingsText
{
    public static string Saved(IStringLocalizer<SharedResource> l, IReadOnlyList<SettingsChange> changes) =>
        changes.Count == 0
            ? l["Nothing to save: no changes."]
            : l["Saved: {0}", string.Join(", ", changes.Select(c => Change(l, c)))];

    public static string Change(IStringLocalizer<SharedResource> l, SettingsChange change) =>
        l[change.Label, Argument(change.Argument), Argument(change.Argument2)];

    public static string DayName(DayOfWeek day) =>
        CultureInfo.CurrentCulture.TextInfo.ToTitleCase(CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day));

    private static string Argument(string? argument) =>
        Enum.TryParse<DayOfWeek>(argument, out var day) && !int.TryParse(argument, out _) ? DayName(day) : argument ?? "";

    /// <summary>The broken rule in the user's language; codes with variable English text map to fixed sentences.</summary>
    public static string Error(IStringLocalizer<SharedResource> l, SettingsResult result) => result.ErrorCode switch
    {
        "hours.end_before_start" => l["Closing time must be after opening time."],
        "hours.overlap" => l["These hours overlap. Leave a gap between intervals for a break."],
        "hours.incomplete" => l["Choose both an opening and a closing time."],
        "phone.invalid" => l["Enter a phone number such as +1 416 555 0123."],
        "phone.taken" => l["This number is already answered by another business."],
        "business.time_zone_unknown" => l["Choose a time zone from the list."],
        "user.create_failed" => l["The account could not be created: {0}", result.ErrorMessage ?? ""],
        _ => l[result.ErrorMessage ?? "Could not save."],
    };
}
