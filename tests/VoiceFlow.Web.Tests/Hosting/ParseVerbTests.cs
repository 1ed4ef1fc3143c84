using System.Diagnostics;
using System.Text.Json;

namespace VoiceFlow.Web.Tests.Hosting;

/// <summary>The published contract: <c>dotnet VoiceFlow.Web.dll parse</c>, JSON lines in and out, no database.</summary>
public sealed class ParseVerbTests
{
    [Fact]
    public async Task Parse_ReadsJsonLines_WritesOneResultPerLine_InOrder_ErrorsDoNotStopIt()
    {
        var dll = StartupConfigurationTests.WebDllPath();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("parse");
        // Deliberately unusable database settings: parse must not touch them.
        info.Environment["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1";
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync("""{"text": "next tuesday at half past three", "reference": "2026-11-24T10:00:00", "timeZone": "America/Toronto", "locale": "en-CA", "expect": "datetime"}""");
        await process.StandardInput.WriteLineAsync("{not json");
        await process.StandardInput.WriteLineAsync("""{"text": "oui c'est ça", "reference": "2026-11-24T10:00:00", "timeZone": "America/Toronto", "locale": "fr-CA", "expect": "yesno"}""");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("2026-12-01", first.RootElement.GetProperty("date").GetString());
        Assert.Equal("15:30", first.RootElement.GetProperty("time").GetString());
        Assert.Equal("2026-12-01T15:30:00", first.RootElement.GetProperty("datetime").GetString());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("phone").ValueKind);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.True(second.RootElement.TryGetProperty("error", out _));
        using var third = JsonDocument.Parse(lines[2]);
        Assert.True(third.RootElement.GetProperty("yes").GetBoolean());
    }
}
