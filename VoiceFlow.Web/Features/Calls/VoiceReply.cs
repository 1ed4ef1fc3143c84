using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>What a webhook answers: the engine's reply, where a transfer goes, and the version of the session it saved.</summary>
public sealed record VoiceReply(AgentReply Reply, string? TransferNumber, string? SessionVersion = null);
