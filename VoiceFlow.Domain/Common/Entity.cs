namespace VoiceFlow.Domain.Common;

/// <summary>Base for everything with an identity. Ids are client-generated GUIDs (v7: time ordered).</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();
}
