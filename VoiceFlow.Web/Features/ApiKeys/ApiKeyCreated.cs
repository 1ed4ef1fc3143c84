namespace VoiceFlow.Web.Features.ApiKeys;

/// <summary>The result of creating a key: the whole secret, shown once and never again; or why not.</summary>
public sealed record ApiKeyCreated(ApiKeyRow? Key, string? Secret, string? Error)
{
    public bool Succeeded => Key is not null && Secret is not null;
}
