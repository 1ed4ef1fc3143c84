namespace VoiceFlow.Web.Features.Dashboard;

/// <summary>Everything the dashboard shows, loaded in one go.</summary>
public sealed record DashboardData(
    DateOnly Today,
    int AppointmentsToday,
    int CallsToday,
    int BookedByPhoneToday,
    int NoShowsThisWeek,
    IReadOnlyList<StaffSchedule> Schedule,
    IReadOnlyList<LiveCall> LiveCalls,
    IReadOnlyList<AttentionItem> NeedsAttention);

public sealed record StaffSchedule(Guid StaffMemberId, string StaffName, IReadOnlyList<ScheduleItem> Items);

public sealed record ScheduleItem(Guid AppointmentId, DateTime StartLocal, DateTime EndLocal, string CustomerName, string ServiceName, string Color, string Status);

public sealed record LiveCall(Guid CallId, string Caller, string? Step, string? LastHeard, DateTime StartedUtc, bool IsTest);

public sealed record AttentionItem(string Kind, string Title, string Detail, string Href, DateTime AtUtc);
