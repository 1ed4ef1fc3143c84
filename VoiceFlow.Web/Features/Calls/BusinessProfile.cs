using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>The slowly changing part of a business that every call step needs; cached briefly in memory.</summary>
public sealed record BusinessProfile(
    Guid BusinessId,
    string Name,
    string TimeZoneId,
    string DefaultLanguage,
    string? TransferNumber,
    string? Address,
    IReadOnlyList<ServiceOption> Services,
    IReadOnlyList<OpeningHours> Hours,
    IReadOnlyList<(DateOnly From, DateOnly To)> Closures,
    IReadOnlyDictionary<string, string> PromptOverrides);
