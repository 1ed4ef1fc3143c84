namespace VoiceFlow.Web.Features.Settings;

/// <summary>A portal user of the business as the Users tab lists them.</summary>
public sealed record UserRow(string Id, string Email, string DisplayName, string Role, bool IsActive);
