namespace VoiceFlow.Web.Features.Calls;

/// <summary>The appointment a call produced: what, with whom, when (business-local).</summary>
public sealed record CallBooking(Guid AppointmentId, string Service, string StaffName, DateTime StartLocal, string Status);
