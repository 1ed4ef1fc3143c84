namespace VoiceFlow.Web.Features.Settings;

/// <summary>A choice in a picker: a staff member, a service.</summary>
public sealed record NamedOption(Guid Id, string Name);
