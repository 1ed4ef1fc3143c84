namespace VoiceFlow.Web.Api;

/// <summary>Cancel an appointment, with an optional reason (at most 500 characters).</summary>
public sealed record CancelRequest(string? Reason = null);
