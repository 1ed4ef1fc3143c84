using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// Everything the receptionist remembers between turns of one call. Plain data, serialized to JSON into the
/// session store (Redis) after every webhook.
/// </summary>
public sealed class ConversationState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>"en-CA" or "fr-CA": the language the call is in now.</summary>
    public string Language { get; set; } = Common.Language.English;

    public ConversationStep Step { get; set; } = ConversationStep.Greeting;

    /// <summary>The call is over from the agent's side (said goodbye, transferred, voicemail).</summary>
    public bool IsFinished { get; set; }

    /// <summary>What the caller is doing: booking, moving or cancelling.</summary>
    public ConversationGoal Goal { get; set; }

    public Guid? ServiceId { get; set; }

    /// <summary>Day asked for (business-local).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Time of day asked for, when one was said.</summary>
    public TimeOnly? Time { get; set; }

    public TimeOnly? Earliest { get; set; }

    public TimeOnly? Latest { get; set; }

    /// <summary>The free slot found for the request (booking or reschedule), once availability was checked.</summary>
    public HeldSlot? Slot { get; set; }

    /// <summary>Alternatives offered to the caller, closest first (at most two).</summary>
    public List<HeldSlot> Offered { get; set; } = [];

    public string? CustomerName { get; set; }

    /// <summary>E.164 number to book under, once the caller agreed to it or said it.</summary>
    public string? CustomerPhone { get; set; }

    /// <summary>The existing appointment being moved or cancelled.</summary>
    public Guid? AppointmentId { get; set; }

    /// <summary>Failed attempts (silence, low confidence, not understood) at <see cref="FailedStep"/>.</summary>
    public int Failures { get; set; }

    public ConversationStep? FailedStep { get; set; }

    /// <summary>The last thing the agent asked, replayed on "repeat".</summary>
    public List<string> LastSay { get; set; } = [];

    /// <summary>Number of turns handled (for diagnostics).</summary>
    public int Turns { get; set; }

    public static ConversationState Start(string language) => new() { Language = Common.Language.Normalize(language) };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ConversationState FromJson(string json) =>
        JsonSerializer.Deserialize<ConversationState>(json, Json) ?? throw new JsonException("Empty conversation state.");

    /// <summary>Writes the state as JSON into a larger document (the live call session), without an intermediate string.</summary>
    public void WriteTo(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, this, Json);

    /// <summary>Reads a state written by <see cref="WriteTo"/>.</summary>
    public static ConversationState ReadFrom(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize<ConversationState>(ref reader, Json) ?? throw new JsonException("Empty conversation state.");

    /// <summary>A deep copy, so a step never changes the state it was given.</summary>
    public ConversationState Clone()
    {
        var copy = (ConversationState)MemberwiseClone();
        copy.Slot = Slot?.Copy();
        copy.Offered = Offered.ConvertAll(o => o.Copy());
        copy.LastSay = [.. LastSay];
        return copy;
    }
}
