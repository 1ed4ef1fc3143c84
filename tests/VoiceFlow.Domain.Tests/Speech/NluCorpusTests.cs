using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoiceFlow.Domain.Speech;

namespace VoiceFlow.Domain.Tests.Speech;

/// <summary>
/// Runs the development corpus (shared/eval/nlu-dev, from the Recognizers-Text and Duckling test suites) through
/// <see cref="SpeechBatch"/> and reports the score per file. Floors sit a little below the current score so a
/// regression fails the build. Scoring follows the corpus README: date kind grades the date, datetime the full local
/// date-time, time the time of day; phones: North-American cases exact E.164, negatives null, other regions null or
/// the same digits.
/// </summary>
public class NluCorpusTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("datetime_en.jsonl", 0.96)]
    [InlineData("datetime_fr.jsonl", 0.96)]
    [InlineData("phone.jsonl", 0.96)]
    [InlineData("yesno.jsonl", 1.0)]
    [InlineData("yesno_fr.jsonl", 1.0)]
    public void Corpus_File_ScoresAboveFloor(string file, double floor)
    {
        var path = Path.Combine(CorpusDirectory(), file);
        Assert.True(File.Exists(path), $"Corpus file missing: {path}");
        var passed = 0;
        var total = 0;
        var failures = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var c = JsonNode.Parse(line)!.AsObject();
            var (input, expect) = BuildInput(file, c);
            var result = JsonNode.Parse(SpeechBatch.ProcessLine(input))!.AsObject();
            var (ok, got, wanted) = Grade(expect, c, result);
            total++;
            if (ok)
            {
                passed++;
            }
            else
            {
                failures.Add($"  [{c["id"]}] \"{c["text"]}\" ref={c["reference"]} expected={wanted} got={got}");
            }
        }
        var score = total == 0 ? 0 : (double)passed / total;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file}: {passed}/{total} = {score:P1} (floor {floor:P0})"));
        foreach (var f in failures)
        {
            output.WriteLine(f);
        }
        Assert.True(total > 0, $"{file} has no cases");
        Assert.True(score >= floor, string.Create(CultureInfo.InvariantCulture, $"{file} scored {score:P1}, below the floor {floor:P0}"));
    }

    private static (string Input, string Expect) BuildInput(string file, JsonObject c)
    {
        var expect = file.StartsWith("datetime", StringComparison.Ordinal) ? "datetime" : file.StartsWith("phone", StringComparison.Ordinal) ? "phone" : "yesno";
        var lang = c["locale"]?.GetValue<string>() ?? c["lang"]?.GetValue<string>() ?? (file.Contains("_fr", StringComparison.Ordinal) ? "fr" : "en");
        var input = new JsonObject
        {
            ["text"] = c["text"]!.GetValue<string>(),
            ["reference"] = c["reference"]?.GetValue<string>() ?? "2026-11-24T10:00:00",
            ["timeZone"] = "America/Toronto",
            ["locale"] = lang.StartsWith("fr", StringComparison.Ordinal) ? "fr-CA" : "en-CA",
            ["expect"] = expect,
        };
        return (input.ToJsonString(), expect);
    }

    private static (bool Ok, string Got, string Wanted) Grade(string expect, JsonObject c, JsonObject r)
    {
        if (r.ContainsKey("error"))
        {
            return (false, "error: " + r["error"], c["expected"]?.ToJsonString() ?? "null");
        }
        switch (expect)
        {
            case "datetime":
            {
                var kind = c["expected"]!["kind"]!.GetValue<string>();
                var value = c["expected"]!["value"]!.GetValue<string>();
                var date = r["date"]?.GetValue<string>();
                var time = r["time"]?.GetValue<string>();
                var dateTime = r["datetime"]?.GetValue<string>();
                if (time is { Length: 5 })
                {
                    time += ":00";
                }
                var got = kind switch
                {
                    "date" => date ?? dateTime?[..10],
                    "time" => time,
                    _ => dateTime ?? (date is not null && time is not null ? $"{date}T{time}" : null),
                };
                return (got == value, got ?? "null", value);
            }
            case "phone":
            {
                var phone = r["phone"]?.GetValue<string>();
                var wanted = c["expected"]?.GetValue<string>();
                if (wanted is null)
                {
                    return (phone is null, phone ?? "null", "null");
                }
                if (c["region"]?.GetValue<string>() == "NANP")
                {
                    return (phone == wanted, phone ?? "null", wanted);
                }
                // other regions: the product may decline (null) or give the same number in E.164
                var digits = new string(wanted.Replace("(0)", string.Empty, StringComparison.Ordinal).Where(char.IsAsciiDigit).ToArray());
                digits = (digits.StartsWith("011", StringComparison.Ordinal) ? digits[3..] : digits).TrimStart('0');
                var gotDigits = phone is null ? null : new string(phone.Where(char.IsAsciiDigit).ToArray());
                return (phone is null || gotDigits == digits, phone ?? "null", wanted + " (or null)");
            }
            default:
            {
                var wanted = c["expected"]!.GetValue<bool>();
                var yes = r["yes"]?.GetValue<bool>();
                return (yes == wanted, yes?.ToString() ?? "null", wanted.ToString());
            }
        }
    }

    /// <summary>The folder beside the repository: walk up to VoiceFlow.sln, then ../shared/eval/nlu-dev.</summary>
    private static string CorpusDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VoiceFlow.sln")))
        {
            dir = dir.Parent;
        }
        Assert.True(dir is not null, $"Could not find VoiceFlow.sln above {AppContext.BaseDirectory}; the corpus is located relative to the repository root.");
        var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "eval", "nlu-dev"));
        Assert.True(Directory.Exists(corpus),
            $"NLU development corpus not found at {corpus}. Put a copy of shared/ beside the repository (shared/eval/nlu-dev with its README.md and *.jsonl files).");
        return corpus;
    }
}
