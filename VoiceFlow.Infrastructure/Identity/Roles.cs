namespace VoiceFlow.Infrastructure.Identity;

/// <summary>The three roles of the portal.</summary>
public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string Owner = nameof(Owner);
    public const string Staff = nameof(Staff);

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, Owner, Staff];

    /// <summary>Claim type carrying the user's business id.</summary>
    public const string BusinessClaim = "vf:business";
}
