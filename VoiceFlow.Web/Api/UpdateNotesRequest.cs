namespace VoiceFlow.Web.Api;

/// <summary>Replace a customer's notes (at most 4000 characters; empty clears them).</summary>
public sealed record UpdateNotesRequest(string? Notes);
