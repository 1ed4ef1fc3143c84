namespace VoiceFlow.Web.Features.Calls;

/// <summary>How call figures read on screen: durations as m:ss, languages by name (English keys, localised by the page).</summary>
public static class CallFormat
{
    public static string Duration(int? seconds) =>
        seconds is null ? "—" : $"{seconds.Value / 60}:{seconds.Value % 60:D2}";

    public static string Offset(TimeSpan offset) =>
        $"{(int)offset.TotalMinutes}:{offset.Seconds:D2}";

    public static string LanguageName(string tag) =>
        tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "French" : "English";
}
