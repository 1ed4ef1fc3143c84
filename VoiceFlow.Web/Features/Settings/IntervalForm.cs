namespace VoiceFlow.Web.Features.Settings;

/// <summary>One open interval being edited (09:00-12:00). Null until the user picks a time.</summary>
public sealed class IntervalForm
{
    public TimeSpan? Opens { get; set; }
    public TimeSpan? Closes { get; set; }
}
