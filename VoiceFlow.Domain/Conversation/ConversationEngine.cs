namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// The receptionist's dialogue, as a pure function: state + event + context -> new state + (command | reply).
/// </summary>
public static class ConversationEngine
{
    public static ConversationTurn Step(ConversationState state, CallerEvent callerEvent, ConversationContext context) =>
        throw new NotImplementedException("The conversation engine is being written on the 'conversation' branch.");
}
