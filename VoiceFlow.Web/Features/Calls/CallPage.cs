namespace VoiceFlow.Web.Features.Calls;

/// <summary>One page of calls and the number of calls matching the filter.</summary>
public sealed record CallPage(IReadOnlyList<CallListItem> Items, int TotalCount);
