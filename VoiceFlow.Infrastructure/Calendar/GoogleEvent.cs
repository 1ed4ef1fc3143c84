using System.Text.Json.Serialization;

namespace VoiceFlow.Infrastructure.Calendar;

/// <summary>The fields of a Calendar v3 event resource that we read and write.</summary>
public sealed class GoogleEvent
{
    public string? Id { get; set; }
    /// <summary>"confirmed", "tentative" or "cancelled" (a deleted event, as incremental sync reports it).</summary>
    public string? Status { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public string? Location { get; set; }
    public GoogleEventTime? Start { get; set; }
    public GoogleEventTime? End { get; set; }
    /// <summary>"opaque" (busy, the default) or "transparent" (free).</summary>
    public string? Transparency { get; set; }
    public GoogleExtendedProperties? ExtendedProperties { get; set; }
    [JsonPropertyName("etag")]
    public string? ETag { get; set; }
    public string? Updated { get; set; }
}

/// <summary>A start or end: <c>dateTime</c> (RFC 3339, with offset) for timed events, <c>date</c> for all-day ones.</summary>
public sealed class GoogleEventTime
{
    public string? DateTime { get; set; }
    public string? Date { get; set; }
    public string? TimeZone { get; set; }
}

/// <summary>Key/value pairs on an event; <c>private</c> ones are visible only to this calendar's copy.</summary>
public sealed class GoogleExtendedProperties
{
    public Dictionary<string, string>? Private { get; set; }
    public Dictionary<string, string>? Shared { get; set; }
}

/// <summary>One page of events.list: items, and either the next page's token or (last page) the next sync token.</summary>
public sealed class GoogleEventPage
{
    public List<GoogleEvent> Items { get; set; } = [];
    public string? NextPageToken { get; set; }
    public string? NextSyncToken { get; set; }
}

/// <summary>A calendar the account can see (calendarList).</summary>
public sealed class GoogleCalendarEntry
{
    public string Id { get; set; } = "";
    public string? Summary { get; set; }
    public bool Primary { get; set; }
    /// <summary>"owner", "writer", "reader", "freeBusyReader": we can push only to owner/writer.</summary>
    public string? AccessRole { get; set; }
}

/// <summary>A push-notification channel (events.watch).</summary>
public sealed class GoogleChannel
{
    public string? Id { get; set; }
    public string? ResourceId { get; set; }
    /// <summary>Milliseconds since the Unix epoch, as a string.</summary>
    public string? Expiration { get; set; }
}
