namespace VoiceFlow.Web.Features.ApiKeys;

/// <summary>An API key as the Settings tab lists it: never the secret, only its public prefix.</summary>
public sealed record ApiKeyRow(Guid Id, string Name, string Prefix, DateTime CreatedUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc, string CreatedBy)
{
    public bool IsActive => RevokedUtc is null;
}
