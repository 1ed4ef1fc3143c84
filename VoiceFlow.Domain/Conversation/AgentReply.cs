namespace VoiceFlow.Domain.Conversation;

/// <summary>What the call does after the agent speaks.</summary>
public enum ReplyAction
{
    /// <summary>Listen for the caller (a Gather for speech and keys).</summary>
    Listen,
    /// <summary>Connect the caller to staff (a Dial to the business's transfer number).</summary>
    Transfer,
    /// <summary>Record a voicemail.</summary>
    Voicemail,
    /// <summary>End the call.</summary>
    Hangup,
}

/// <summary>
/// An abstract reply: sentences to speak in a language, then an action. The web layer renders it as TwiML
/// (or as chat bubbles in the call simulator).
/// </summary>
public sealed record AgentReply(string Language, IReadOnlyList<string> Say, ReplyAction Action, IReadOnlyList<string> Hints)
{
    public string Text => string.Join(" ", Say);
}
