namespace VoiceFlow.Web.Features.Appointments;

/// <summary>A bookable service as the portal's selects and legends show it.</summary>
public sealed record ServiceOption(Guid Id, string Name, string Color, int DurationMinutes);
