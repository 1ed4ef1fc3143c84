using System.Text.Json;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Calls;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>Adds the audit row for a settings or user change to the context that saves the change (same transaction).</summary>
public sealed class SettingsAudit(TimeProvider time, BusinessProfileCache profiles, SettingsChangeNotifier settingsChanged)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// Adds the audit entry for a settings change; once the change is saved, the cached view of the business (the
    /// receptionist's and booking's) is dropped here at once and on the other instances right after, so the next call
    /// or booking uses the new settings.
    /// </summary>
    public void Record(VoiceFlowDbContext db, Guid businessId, string actorUserId, string action, string entityType, Guid? entityId,
        object? before, object? after)
    {
        db.SavedChanges += (_, _) =>
        {
            profiles.Invalidate(businessId);
            settingsChanged.Notify(businessId);
        };
        db.AuditEntries.Add(new AuditEntry(businessId, "user:" + actorUserId, action, entityType, entityId, time.GetUtcNow().UtcDateTime,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json)));
    }
}
