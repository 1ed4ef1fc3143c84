using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>What the calls list is narrowed to. Dates are local days of the business, inclusive.</summary>
public sealed record CallFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    CallOutcome? Outcome = null,
    string? Language = null,
    string? Customer = null,
    bool LiveOnly = false);
