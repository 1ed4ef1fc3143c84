namespace VoiceFlow.Web.Features.Audit;

/// <summary>One audit entry as the viewer shows it: local time, who (a person's name when the actor is a user), what, before and after.</summary>
public sealed record AuditRow(Guid Id, DateTime AtLocal, string Actor, string ActorName, string Action, string EntityType, Guid? EntityId, string? Before, string? After);
