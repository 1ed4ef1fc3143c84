namespace VoiceFlow.Domain.Conversation;

/// <summary>What the caller is trying to get done right now.</summary>
public enum ConversationGoal
{
    None,
    Book,
    Reschedule,
    Cancel,
}
