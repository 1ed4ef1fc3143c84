using System.Text.Json;

namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// Everything the receptionist remembers between turns of one call. Plain data, serialized to JSON into the
/// session store (Redis) after every webhook.
/// </summary>
public sealed class ConversationState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>"en-CA" or "fr-CA": the language the call is in now.</summary>
    public string Language { get; set; } = Common.Language.English;

    public ConversationStep Step { get; set; } = ConversationStep.Greeting;

    /// <summary>The call is over from the agent's side (said goodbye, transferred, voicemail).</summary>
    public bool IsFinished { get; set; }

    public static ConversationState Start(string language) => new() { Language = Common.Language.Normalize(language) };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ConversationState FromJson(string json) =>
        JsonSerializer.Deserialize<ConversationState>(json, Json) ?? throw new JsonException("Empty conversation state.");
}
