namespace VoiceFlow.Web.Features.Settings;

/// <summary>An invitation's outcome. The temporary password is shown once to the owner and never stored in clear.</summary>
public sealed record InviteResult(SettingsResult Result, string? UserId = null, string? TemporaryPassword = null);
