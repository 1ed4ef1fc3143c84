namespace VoiceFlow.Domain.Conversation;

/// <summary>Where the conversation is; shown on the live-calls dashboard.</summary>
public enum ConversationStep
{
    Greeting,
    Finished,
}
