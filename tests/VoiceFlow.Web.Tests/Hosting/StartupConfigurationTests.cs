using System.Diagnostics;

namespace VoiceFlow.Web.Tests.Hosting;

/// <summary>Bad configuration stops start-up with one clear message naming the key, not a stack trace.</summary>
public sealed class StartupConfigurationTests
{
    internal static string WebDllPath() => WebDll();

    private static string WebDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VoiceFlow.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(dir.FullName, "VoiceFlow.Web", "bin", configuration, "net10.0", "VoiceFlow.Web.dll");
        Assert.True(File.Exists(dll), $"Build VoiceFlow.Web first: {dll} is missing.");
        return dll;
    }

    private static async Task<(int ExitCode, string Stderr, string Stdout)> RunAppAsync(Dictionary<string, string> environment)
    {
        var dll = WebDll();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["Logging__LogLevel__Default"] = "None";
        info.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"vf-cfg-{Guid.NewGuid():N}.db")}";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(true);
            Assert.Fail("The app kept running despite bad configuration.");
        }
        return (process.ExitCode, await stderr, await stdout);
    }

    [Fact]
    public async Task UnreachablePostgres_StopsWithMessageNamingTheKey()
    {
        var (exit, stderr, _) = await RunAppAsync(new()
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=nowhere;Timeout=3",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });
        Assert.Equal(1, exit);
        Assert.Contains("ConnectionStrings:Postgres", stderr, StringComparison.Ordinal);
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedPostgresConnectionString_StopsWithMessageNamingTheKey()
    {
        var (exit, stderr, _) = await RunAppAsync(new()
        {
            ["ConnectionStrings__Postgres"] = "this is not a connection string",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        });
        Assert.Equal(1, exit);
        Assert.Contains("Configuration error in 'ConnectionStrings:Postgres': malformed connection string", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingTwilioTokenInProduction_StopsWithMessageNamingTheKey()
    {
        var (exit, stderr, _) = await RunAppAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Twilio__AccountSid"] = "AC123",
        });
        Assert.Equal(1, exit);
        Assert.Contains("Twilio:AuthToken", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
