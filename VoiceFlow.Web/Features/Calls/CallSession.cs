using System.Text.Json;
using System.Text.Json.Serialization;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// The live state of one call in the session store (Redis): who, which business, how far the transcript is, and
/// the conversation engine's state. Small, so every webhook reads and writes it in one round trip each.
/// </summary>
public sealed class CallSession
{
    public Guid BusinessId { get; set; }
    public Guid CallId { get; set; }
    public string CallSid { get; set; } = "";
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public bool IsTest { get; set; }
    public DateTime StartedUtc { get; set; }
    public int TurnCount { get; set; }
    public string Language { get; set; } = "en-CA";
    public Guid? CustomerId { get; set; }
    public Guid? AppointmentId { get; set; }
    public string? Outcome { get; set; }
    public string? LastHeard { get; set; }
    public string Step { get; set; } = "";
    /// <summary>New at every save; the step's TwiML names it in its action URLs (see <see cref="RecentCallSessions"/>).</summary>
    public string? Version { get; set; }
    /// <summary>The conversation engine's state, nested as JSON (not as a JSON string, so it is serialized once).</summary>
    [JsonConverter(typeof(ConversationStateConverter))]
    public ConversationState? Conversation { get; set; }

    private sealed class ConversationStateConverter : JsonConverter<ConversationState>
    {
        public override ConversationState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ConversationState.ReadFrom(ref reader);

        public override void Write(Utf8JsonWriter writer, ConversationState value, JsonSerializerOptions options) => value.WriteTo(writer);
    }
}
