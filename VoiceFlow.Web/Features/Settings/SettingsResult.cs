namespace VoiceFlow.Web.Features.Settings;

/// <summary>
/// The outcome of a settings save: what changed, or the rule that was broken and the field it belongs beside.
/// <see cref="ErrorCode"/> is the domain's stable code; <see cref="ErrorMessage"/> its English text.
/// </summary>
public sealed record SettingsResult(IReadOnlyList<SettingsChange> Changes, string? Field = null, string? ErrorCode = null, string? ErrorMessage = null)
{
    public bool Succeeded => ErrorCode is null;

    public static SettingsResult Saved(IReadOnlyList<SettingsChange> changes) => new(changes);

    public static SettingsResult Invalid(string field, string code, string message) => new([], field, code, message);
}
