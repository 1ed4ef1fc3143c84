using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Web.Features.Customers;

/// <summary>A call from this customer, for the profile's calls tab.</summary>
public sealed record CustomerCall(Guid Id, DateTime StartedLocal, int? DurationSeconds, CallOutcome Outcome, string? Summary);
