namespace VoiceFlow.Web.Features.Appointments;

/// <summary>One page of a server-side list and the total it was cut from.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);
