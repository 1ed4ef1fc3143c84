namespace VoiceFlow.Web.Features.ApiKeys;

/// <summary>Who a valid API key speaks for.</summary>
public sealed record ApiKeyIdentity(Guid KeyId, Guid BusinessId, string Name);
