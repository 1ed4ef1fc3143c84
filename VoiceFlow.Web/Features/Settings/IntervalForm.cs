namespace VoiceFlow.Web.Features.Settings;

/// <summary>One open interval being edited (09:00-12:00). Null until the user picks a time.</summary>
public sealed class IntervalForm
{
    public TimeOnly? Opens { get; set; }
    public TimeOnly? Closes { get; set; }
}
