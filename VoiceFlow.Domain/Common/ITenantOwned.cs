namespace VoiceFlow.Domain.Common;

/// <summary>A row that belongs to one business (the tenant). Global query filters key on it.</summary>
public interface ITenantOwned
{
    Guid BusinessId { get; }
}
