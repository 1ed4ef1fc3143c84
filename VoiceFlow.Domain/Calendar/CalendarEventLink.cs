using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Calendar;

/// <summary>The Google event an appointment was pushed to. Reconnecting finds it again instead of duplicating.</summary>
public sealed class CalendarEventLink : Entity, ITenantOwned
{
    private CalendarEventLink() { }

    public CalendarEventLink(Guid businessId, Guid appointmentId, string calendarId, string eventId, string? etag)
    {
        BusinessId = businessId;
        AppointmentId = appointmentId;
        CalendarId = calendarId;
        EventId = eventId;
        ETag = etag;
    }

    public Guid BusinessId { get; private set; }
    public Guid AppointmentId { get; private set; }
    public string CalendarId { get; private set; } = "";
    public string EventId { get; private set; } = "";
    public string? ETag { get; private set; }

    public void UpdateETag(string? etag) => ETag = etag;
}
