namespace VoiceFlow.Web.Features.Appointments;

/// <summary>Something to pick in a select: a staff member, a customer.</summary>
public sealed record NamedOption(Guid Id, string Name);
