using VoiceFlow.Domain.Calendar;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>What the Calendar tab shows: whether Google is configured, the connection, each staff member's calendar, failed pushes.</summary>
public sealed record CalendarConnectionState(
    bool GoogleConfigured,
    Guid? ConnectionId,
    string? AccountEmail,
    CalendarConnectionStatus? Status,
    DateTime? LastSyncUtc,
    string? LastError,
    IReadOnlyList<StaffCalendar> Staff,
    IReadOnlyList<FailedPush> FailedPushes,
    int PendingPushes);

/// <summary>A staff member and the Google calendar their appointments go to (null: not synced).</summary>
public sealed record StaffCalendar(Guid StaffMemberId, string Name, string? CalendarId);

/// <summary>A push Google refused for good, with what staff should do.</summary>
public sealed record FailedPush(Guid? AppointmentId, string Error, DateTime CreatedUtc);
