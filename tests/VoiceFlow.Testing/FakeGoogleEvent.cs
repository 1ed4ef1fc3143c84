using System.Text.Json.Nodes;

namespace VoiceFlow.Testing;

/// <summary>An event as the fake Google Calendar stores it: the JSON resource, its change number, and whether it was deleted.</summary>
public sealed class FakeGoogleEvent(string calendarId, string id, JsonObject resource, long sequence)
{
    public string CalendarId { get; } = calendarId;
    public string Id { get; } = id;
    public JsonObject Resource { get; internal set; } = resource;
    public long Sequence { get; internal set; } = sequence;
    public bool Deleted => (string?)Resource["status"] == "cancelled";

    public string? Summary => (string?)Resource["summary"];
    public DateTimeOffset? Start => Parse(Resource["start"]?["dateTime"]);
    public DateTimeOffset? End => Parse(Resource["end"]?["dateTime"]);
    public string? AppointmentId => (string?)Resource["extendedProperties"]?["private"]?["voiceflowAppointmentId"];

    internal static DateTimeOffset? Parse(JsonNode? node) =>
        node is not null && DateTimeOffset.TryParse((string?)node, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value) ? value : null;
}
