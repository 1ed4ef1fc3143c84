namespace VoiceFlow.Web.Features.Appointments;

/// <summary>An appointment positioned in a calendar column: pixels from the top, height, and its lane among overlaps.</summary>
public sealed record PlacedAppointment(AppointmentItem Item, double TopPx, double HeightPx, int Lane, int LaneCount);
