using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// The <c>parse</c> verb: JSON lines in, one JSON line out per input, in order. Input
/// <c>{"text", "reference", "timeZone", "locale", "expect", "services"}</c>; output
/// <c>{"text", "date", "time", "datetime", "phone", "name", "yes", "intent", "service"}</c>, or <c>{"error"}</c> for a bad line.
/// </summary>
public static class SpeechBatch
{
    private static readonly LocalDateTimePattern[] ReferencePatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss.FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd"),
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads JSON lines from <paramref name="input"/> until the end and writes one result line per non-blank line.</summary>
    public static async Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            await output.WriteLineAsync(ProcessLine(line).AsMemory(), cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Processes one input line and returns the output line (without newline). Never throws.</summary>
    public static string ProcessLine(string line)
    {
        try
        {
            return Process(line);
        }
        catch (JsonException ex)
        {
            return Error("malformed JSON: " + ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException
            or IndexOutOfRangeException or ArgumentOutOfRangeException or KeyNotFoundException or NodaTime.TimeZones.DateTimeZoneNotFoundException)
        {
            return Error(ex.Message);
        }
    }

    private static string Process(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Error("each line must be a JSON object");
        }
        if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return Error("\"text\" (string) is required");
        }
        var text = textElement.GetString() ?? string.Empty;
        var zoneId = GetString(root, "timeZone") ?? "America/Toronto";
        if (!root.TryGetProperty("reference", out var refElement) || refElement.ValueKind != JsonValueKind.String)
        {
            return Error("\"reference\" (local ISO date-time, e.g. 2026-11-24T10:00:00) is required");
        }
        var reference = ParseReference(refElement.GetString()!, zoneId);
        if (reference is null)
        {
            return Error($"\"reference\" is not an ISO date-time: {refElement.GetString()}");
        }
        var locale = Language.Normalize(GetString(root, "locale"));
        var expect = (GetString(root, "expect") ?? "any").Trim().ToLowerInvariant();
        if (expect is not ("datetime" or "phone" or "name" or "yesno" or "intent" or "any" or "date" or "time"))
        {
            return Error($"\"expect\" must be one of datetime, phone, name, yesno, intent, any (got {expect})");
        }
        var services = ReadServices(root);
        var context = new SpeechContext(reference.Value, zoneId, locale) { Services = services };

        DateTimeResult? dt = null;
        string? phone = null, name = null, service = null;
        bool? yes = null;
        Intent? intent = null;
        switch (expect)
        {
            case "datetime" or "date" or "time":
                dt = SpeechUnderstanding.ParseDateTime(text, context);
                break;
            case "phone":
                phone = SpeechUnderstanding.ParsePhone(text);
                break;
            case "name":
                name = SpeechUnderstanding.ParseName(text, requireIntroduction: false);
                break;
            case "yesno":
                yes = SpeechUnderstanding.ParseYesNo(text);
                break;
            case "intent":
                intent = SpeechUnderstanding.DetectIntent(text);
                service = SpeechUnderstanding.MatchService(text, services);
                break;
            default:
                var u = SpeechUnderstanding.Understand(text, context);
                (dt, phone, name, yes, intent, service) = (u.DateTime, u.PhoneE164, u.Name, u.Yes, u.Intent, u.Service);
                break;
        }
        return Write(text, dt, phone, name, yes, intent, service);
    }

    private static string Write(string text, DateTimeResult? dt, string? phone, string? name, bool? yes, Intent? intent, string? service)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("text", text);
            WriteOrNull(w, "date", dt?.Date?.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
            WriteOrNull(w, "time", dt?.Time is { } t ? t.ToString(dt.HasSeconds ? "HH':'mm':'ss" : "HH':'mm", CultureInfo.InvariantCulture) : null);
            WriteOrNull(w, "datetime", dt?.DateTime?.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));
            WriteOrNull(w, "phone", phone);
            WriteOrNull(w, "name", name);
            if (yes is null)
            {
                w.WriteNull("yes");
            }
            else
            {
                w.WriteBoolean("yes", yes.Value);
            }
            WriteOrNull(w, "intent", intent is null ? null : IntentName(intent.Value));
            WriteOrNull(w, "service", service);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string IntentName(Intent intent) => intent switch
    {
        Intent.Book => "book",
        Intent.Reschedule => "reschedule",
        Intent.Cancel => "cancel",
        Intent.Confirm => "confirm",
        Intent.Hours => "hours",
        Intent.Human => "human",
        Intent.Repeat => "repeat",
        _ => "goodbye",
    };

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string Error(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static LocalDateTime? ParseReference(string text, string zoneId)
    {
        text = text.Trim();
        foreach (var pattern in ReferencePatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                return result.Value;
            }
        }
        // an instant with an offset or Z: convert to the business's local time
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (!offset.Success)
        {
            offset = OffsetDateTimePattern.Rfc3339.Parse(text);
        }
        if (offset.Success)
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
            return offset.Value.ToInstant().InZone(zone).LocalDateTime;
        }
        return null;
    }

    private static List<ServiceDefinition> ReadServices(JsonElement root)
    {
        var list = new List<ServiceDefinition>();
        if (!root.TryGetProperty("services", out var services) || services.ValueKind != JsonValueKind.Array)
        {
            return list;
        }
        foreach (var s in services.EnumerateArray())
        {
            if (s.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(s.GetString()))
            {
                list.Add(new ServiceDefinition(s.GetString()!));
            }
            else if (s.ValueKind == JsonValueKind.Object && GetString(s, "name") is { Length: > 0 } name)
            {
                var synonyms = new List<string>();
                if (s.TryGetProperty("synonyms", out var syn) && syn.ValueKind == JsonValueKind.Array)
                {
                    foreach (var x in syn.EnumerateArray())
                    {
                        if (x.ValueKind == JsonValueKind.String && x.GetString() is { Length: > 0 } v)
                        {
                            synonyms.Add(v);
                        }
                    }
                }
                list.Add(new ServiceDefinition(name, synonyms));
            }
        }
        return list;
    }
}
