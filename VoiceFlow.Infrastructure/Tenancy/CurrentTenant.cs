namespace VoiceFlow.Infrastructure.Tenancy;

/// <summary>
/// The default <see cref="ICurrentTenant"/>: set explicitly by whoever knows the tenant
/// (the signed-in user's claim, the called number of a webhook, a job's argument).
/// </summary>
public sealed class CurrentTenant : ICurrentTenant
{
    public Guid? BusinessId { get; private set; }

    public void Set(Guid businessId) => BusinessId = businessId;

    public void Clear() => BusinessId = null;
}
