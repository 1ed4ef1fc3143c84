using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>What a webhook answers: the engine's reply and where a transfer goes.</summary>
public sealed record VoiceReply(AgentReply Reply, string? TransferNumber);
