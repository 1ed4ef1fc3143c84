namespace VoiceFlow.Web.Features.Audit;

public sealed record BusinessOption(Guid Id, string Name);
