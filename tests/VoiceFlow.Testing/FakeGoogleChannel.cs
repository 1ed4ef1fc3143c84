namespace VoiceFlow.Testing;

/// <summary>A push channel the fake Google Calendar holds (events.watch), with how many changes it would have announced.</summary>
public sealed class FakeGoogleChannel(string id, string resourceId, string calendarId, string address, string? token, DateTimeOffset expires)
{
    public string Id { get; } = id;
    public string ResourceId { get; } = resourceId;
    public string CalendarId { get; } = calendarId;
    public string Address { get; } = address;
    public string? Token { get; } = token;
    public DateTimeOffset Expires { get; } = expires;
    public int Changes { get; internal set; }
}
