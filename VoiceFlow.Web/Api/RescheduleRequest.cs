namespace VoiceFlow.Web.Api;

/// <summary>Move an appointment to <see cref="Start"/> (ISO-8601 with offset), optionally with another staff member.</summary>
public sealed record RescheduleRequest(DateTimeOffset? Start, Guid? StaffMemberId = null);
