namespace VoiceFlow.Web.Features.Audit;

/// <summary>What the audit viewer narrows to: who (actor text), which kind of record, which days (business time zone).</summary>
public sealed record AuditFilter(string? Actor = null, string? EntityType = null, DateOnly? From = null, DateOnly? To = null);
