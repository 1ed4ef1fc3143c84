using System.Text;
using System.Text.Json;
using NodaTime;
using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

/// <summary>No input crashes the parser: odd text gives a result or null fields.</summary>
public class RobustnessTests
{
    private static readonly SpeechContext Context = SpeechContext.At(new LocalDateTime(2026, 11, 24, 10, 0)) with
    {
        Services = [new ServiceDefinition("Cleaning", ["nettoyage"])],
    };

    public static TheoryData<string> OddInputs() => new()
    {
        string.Empty,
        " ",
        "\t\r\n",
        "😀😀😀 🦷 👍",
        "yes 👍",
        "'; DROP TABLE appointments; --",
        "Robert'); DELETE FROM customers WHERE 1=1; --",
        "<script>alert('x')</script> tomorrow at 3",
        "<b>bold</b> &amp; <i>oui</i>",
        "{\"text\": \"nested json\"}",
        "demain tomorrow mañana morgen 明天",
        "je voudrais book un cleaning next mardi à 3 pm please merci",
        "99999999999999999999999999999999999999",
        "1:99 13:61 25:00 0:00 24:00",
        "31/31/31 00/00/0000 2026-13-45 02-30",
        "the 0th of nevember",
        "'''---...///:::",
        "at at at at at",
        "quatre-vingt-dix-neuf quatre-vingt-dix-neuf quatre-vingt-dix-neuf heures",
        "in 99999999 years",
        "in 999999999 minutes",
        "dans 2147483647 jours",
        "S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S-S",
        "double double double triple",
        "\u0000\u0001\u0002",
        "\ud800",
        "Mc Mac O' d' -",
        "le 31 février",
        "february 30th",
        "the last day of february",
        "next next next friday",
        "in 1000 years 1000 years 1000 years 1000 years 1000 years 1000 years 1000 years 1000 years 1000 years",
        "12000 months 12000 months 12000 months from friday",
    };

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void Understand_OddInput_DoesNotThrow(string text)
    {
        var u = SpeechUnderstanding.Understand(text, Context);
        Assert.NotNull(u);
        _ = SpeechUnderstanding.ParseDateTime(text, Context);
        _ = SpeechUnderstanding.ParsePhone(text);
        _ = SpeechUnderstanding.ParseName(text);
        _ = SpeechUnderstanding.ParseYesNo(text);
        _ = SpeechUnderstanding.DetectIntent(text);
        _ = SpeechUnderstanding.MatchService(text, Context.Services);
        var line = SpeechBatch.ProcessLine(JsonSerializer.Serialize(new { text, reference = "2026-11-24T10:00:00" }));
        using var doc = JsonDocument.Parse(line);
        Assert.True(doc.RootElement.TryGetProperty("text", out _) || doc.RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public void Understand_TenKilobytes_ReturnsQuickly()
    {
        var sb = new StringBuilder();
        while (sb.Length < 10_000)
        {
            sb.Append("um I'd like to book tomorrow at 3 maybe four one six five five five oh one two three, oui non 😀 ");
        }
        var u = SpeechUnderstanding.Understand(sb.ToString(), Context);
        Assert.NotNull(u);
        var line = SpeechBatch.ProcessLine(JsonSerializer.Serialize(new { text = sb.ToString(), reference = "2026-11-24T10:00:00" }));
        Assert.StartsWith("{\"text\":", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Understand_RandomNoise_DoesNotThrow()
    {
        var random = new Random(42);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 :/-.,'()+éèàçœ😀hmpa";
        var words = new[] { "at", "the", "next", "of", "in", "h", "heures", "quarter", "to", "past", "double", "le", "de", "moins", "et", "demi", "pm", "am", "tomorrow", "mardi", "after", "before", "from", "now", "S-M" };
        for (var n = 0; n < 2000; n++)
        {
            var sb = new StringBuilder();
            var len = random.Next(0, 12);
            for (var k = 0; k < len; k++)
            {
                if (random.Next(2) == 0)
                {
                    sb.Append(words[random.Next(words.Length)]);
                }
                else
                {
                    for (var c = random.Next(1, 5); c > 0; c--)
                    {
                        sb.Append(alphabet[random.Next(alphabet.Length)]);
                    }
                }
                sb.Append(' ');
            }
            var text = sb.ToString();
            var ex = Record.Exception(() => SpeechUnderstanding.Understand(text, Context));
            Assert.True(ex is null, $"'{text}' threw {ex}");
        }
    }
}
