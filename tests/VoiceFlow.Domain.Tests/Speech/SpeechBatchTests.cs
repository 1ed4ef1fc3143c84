using System.Text.Json;
using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

public class SpeechBatchTests
{
    private static readonly string[] ServiceNames = ["Cleaning", "Whitening"];

    private const string Fields = "[\"text\",\"date\",\"time\",\"datetime\",\"phone\",\"name\",\"yes\",\"intent\",\"service\"]";

    [Fact]
    public void ProcessLine_IssueExample_MatchesContract()
    {
        var output = SpeechBatch.ProcessLine(
            """{"text": "next tuesday at half past three", "reference": "2026-11-24T10:00:00", "timeZone": "America/Toronto", "locale": "en-CA", "expect": "datetime"}""");
        Assert.Equal(
            """{"text":"next tuesday at half past three","date":"2026-12-01","time":"15:30","datetime":"2026-12-01T15:30:00","phone":null,"name":null,"yes":null,"intent":null,"service":null}""",
            output);
    }

    [Fact]
    public void ProcessLine_BareTime_DateNullDateTimeToday()
    {
        var o = Parse("""{"text": "3:30", "reference": "2026-11-24T10:00:00", "expect": "datetime"}""");
        Assert.Equal(JsonValueKind.Null, o.GetProperty("date").ValueKind);
        Assert.Equal("15:30", o.GetProperty("time").GetString());
        Assert.Equal("2026-11-24T15:30:00", o.GetProperty("datetime").GetString());
    }

    [Fact]
    public void ProcessLine_Seconds_AreKept()
    {
        var o = Parse("""{"text": "7:56:30 pm", "reference": "2026-11-24T10:00:00", "expect": "datetime"}""");
        Assert.Equal("19:56:30", o.GetProperty("time").GetString());
    }

    [Theory]
    [InlineData("phone", "four one six five five five oh one two three", "phone", "+14165550123")]
    [InlineData("name", "my name is Mary O'Brien", "name", "Mary O'Brien")]
    [InlineData("intent", "I'd like to cancel my cleaning", "intent", "cancel")]
    [InlineData("intent", "I'd like to cancel my cleaning", "service", "Cleaning")]
    [InlineData("datetime", "demain à 15 h", "datetime", "2026-11-25T15:00:00")]
    public void ProcessLine_Expect_FillsOnlyThatKind(string expect, string text, string field, string value)
    {
        var o = Parse(JsonSerializer.Serialize(new { text, reference = "2026-11-24T10:00:00", locale = "en-CA", expect, services = ServiceNames }));
        Assert.Equal(value, o.GetProperty(field).GetString());
        foreach (var p in o.EnumerateObject())
        {
            if (p.Name is not "text" && p.Name != field && !(expect == "datetime" && p.Name is "date" or "time" or "datetime")
                && !(expect == "intent" && p.Name is "intent" or "service"))
            {
                Assert.Equal(JsonValueKind.Null, p.Value.ValueKind);
            }
        }
    }

    [Fact]
    public void ProcessLine_YesNo_WritesBoolean()
    {
        var o = Parse("""{"text": "c'est ça", "reference": "2026-11-24T10:00:00", "locale": "fr-CA", "expect": "yesno"}""");
        Assert.True(o.GetProperty("yes").GetBoolean());
    }

    [Fact]
    public void ProcessLine_Any_FillsEverythingThatApplies()
    {
        var o = Parse("""{"text": "yes, book me a cleaning tomorrow at 3", "reference": "2026-11-24T10:00:00", "services": [{"name": "Cleaning", "synonyms": ["nettoyage"]}]}""");
        Assert.True(o.GetProperty("yes").GetBoolean());
        Assert.Equal("book", o.GetProperty("intent").GetString());
        Assert.Equal("Cleaning", o.GetProperty("service").GetString());
        Assert.Equal("2026-11-25T15:00:00", o.GetProperty("datetime").GetString());
    }

    [Fact]
    public void ProcessLine_AllFieldsPresentInOrder()
    {
        var o = Parse("""{"text": "hello", "reference": "2026-11-24T10:00:00"}""");
        var names = o.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(JsonSerializer.Deserialize<string[]>(Fields), names);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"text\": \"hi\"")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"reference\": \"2026-11-24T10:00:00\"}")]
    [InlineData("{\"text\": \"tomorrow\"}")]
    [InlineData("{\"text\": \"tomorrow\", \"reference\": \"yesterday-ish\"}")]
    [InlineData("{\"text\": \"tomorrow\", \"reference\": \"2026-11-24T10:00:00\", \"expect\": \"weather\"}")]
    [InlineData("{\"text\": 42, \"reference\": \"2026-11-24T10:00:00\"}")]
    public void ProcessLine_Malformed_GivesError(string line)
    {
        var o = Parse(line);
        Assert.True(o.TryGetProperty("error", out var e));
        Assert.False(string.IsNullOrWhiteSpace(e.GetString()));
    }

    [Fact]
    public void ProcessLine_ReferenceWithOffset_ConvertedToLocal()
    {
        var o = Parse("""{"text": "tomorrow at 9", "reference": "2026-11-24T15:00:00Z", "timeZone": "America/Toronto", "expect": "datetime"}""");
        Assert.Equal("2026-11-25T09:00:00", o.GetProperty("datetime").GetString());
    }

    [Fact]
    public async Task RunAsync_OneLinePerInputInOrder_ErrorsDoNotStopTheRest()
    {
        var input = new StringReader(string.Join('\n',
            """{"text": "tomorrow", "reference": "2026-11-24T10:00:00"}""",
            "garbage",
            """{"text": "oui", "reference": "2026-11-24T10:00:00", "expect": "yesno"}""",
            string.Empty,
            """{"text": "416 555 0123", "reference": "2026-11-24T10:00:00", "expect": "phone"}"""));
        var output = new StringWriter();
        await SpeechBatch.RunAsync(input, output, TestContext.Current.CancellationToken);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"date\":\"2026-11-25\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"error\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"yes\":true", lines[2], StringComparison.Ordinal);
        Assert.Contains("+14165550123", lines[3], StringComparison.Ordinal);
    }

    private static JsonElement Parse(string line)
    {
        using var doc = JsonDocument.Parse(SpeechBatch.ProcessLine(line));
        return doc.RootElement.Clone();
    }
}
