using Microsoft.AspNetCore.Identity;

namespace VoiceFlow.Infrastructure.Identity;

/// <summary>A portal user. Every user belongs to one business (platform admins too: their home business).</summary>
public sealed class ApplicationUser : IdentityUser
{
    public Guid BusinessId { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>"en-CA" or "fr-CA": the portal's language for this user.</summary>
    public string PreferredLanguage { get; set; } = "en-CA";
    public bool IsActive { get; set; } = true;
}
