namespace VoiceFlow.Web.Features.Settings;

/// <summary>The Hours &amp; closures tab: weekly opening hours and the closures list, saved together.</summary>
public sealed class HoursForm
{
    public List<DayHoursForm> Days { get; set; } = [];
    public List<ClosureForm> Closures { get; set; } = [];
    public List<NamedOption> Staff { get; set; } = [];
}
