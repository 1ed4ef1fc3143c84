using VoiceFlow.Infrastructure.Identity;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>Invite a colleague: who they are and what they may do.</summary>
public sealed class InviteForm
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Staff;
}
