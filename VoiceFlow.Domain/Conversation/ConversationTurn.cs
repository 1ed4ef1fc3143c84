using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// The result of one engine step: the new state and either a command for the app to run (then step again with its
/// result) or a reply for the caller. <see cref="Outcome"/> is set when the call achieved something worth recording.
/// </summary>
public sealed record ConversationTurn(ConversationState State, ConversationCommand? Command, AgentReply? Reply, CallOutcome? Outcome = null, string? Summary = null)
{
    public bool NeedsCommand => Command is not null;
}
