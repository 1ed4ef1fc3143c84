using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Auditing;

/// <summary>Append-only record of a change: who did what to which record, when, with before and after.</summary>
public sealed class AuditEntry : Entity, ITenantOwned
{
    private AuditEntry() { }

    public AuditEntry(Guid businessId, string actor, string action, string entityType, Guid? entityId, DateTime atUtc, string? before = null, string? after = null)
    {
        BusinessId = businessId;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        AtUtc = atUtc;
        Before = before;
        After = after;
    }

    public Guid BusinessId { get; private set; }
    /// <summary>"user:{id}", "caller:{CallSid}", "api:{key}", "system", "calendar".</summary>
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public Guid? EntityId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}
