namespace VoiceFlow.Infrastructure.Tenancy;

/// <summary>The business whose data the current operation may see. Scoped: a request, a circuit, a job run.</summary>
public interface ICurrentTenant
{
    Guid? BusinessId { get; }
}
