namespace VoiceFlow.Web.Features.Appointments;

/// <summary>A free cell of the calendar that was clicked: the local start it stands for, and its staff member in the day view.</summary>
public sealed record FreeCell(DateTime StartLocal, Guid? StaffMemberId);
