using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// <c>migrate</c>: apply database migrations and exit. <c>healthcheck</c>: ask the running app's <c>/healthz</c>
/// (for container health checks, where there is no curl). <c>parse</c>: speech understanding over JSON lines.
/// </summary>
internal static class CommandLineVerbs
{
    public static bool IsOfflineVerb(string verb) => verb is "healthcheck" or "parse";

    public static bool IsDatabaseVerb(string verb) => verb is "migrate" or "seed";

    public static async Task<int> RunOfflineAsync(string[] args)
    {
        switch (args[0])
        {
            case "parse":
                // JSON lines in, JSON lines out; no database, no server.
                Console.InputEncoding = System.Text.Encoding.UTF8;
                Console.OutputEncoding = System.Text.Encoding.UTF8;
                using (var cancel = new CancellationTokenSource())
                {
                    Console.CancelKeyPress += (_, e) =>
                    {
                        e.Cancel = true;
                        cancel.Cancel();
                    };
                    await Domain.Speech.SpeechBatch.RunAsync(Console.In, Console.Out, cancel.Token);
                    await Console.Out.FlushAsync(cancel.Token);
                }
                return 0;
            case "healthcheck":
                var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0] ?? "8080";
                using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) })
                {
                    try
                    {
                        var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                        return response.IsSuccessStatusCode ? 0 : 1;
                    }
                    catch (HttpRequestException)
                    {
                        return 1;
                    }
                    catch (TaskCanceledException)
                    {
                        return 1;
                    }
                }
            default:
                return Usage(args[0]);
        }
    }

    public static async Task<int> RunDatabaseVerbAsync(WebApplication app, string[] args)
    {
        switch (args[0])
        {
            case "migrate":
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                await Console.Out.WriteLineAsync("Database migrated.");
                return 0;
            case "seed" when args.Contains("--volume"):
                return await SeedVolumeAsync(app, args);
            default:
                return Usage(args[0]);
        }
    }

    /// <summary><c>seed --volume [--months 12] [--per-month 5000] [--calls-per-month 2500]</c> into the demo business.</summary>
    private static async Task<int> SeedVolumeAsync(WebApplication app, string[] args)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
        }
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        foreach (var role in Infrastructure.Identity.Roles.All)
        {
            var roles = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole(role));
            }
        }
        var businessId = await scope.ServiceProvider.GetRequiredService<Features.Demo.DemoSeeder>().SeedAsync(CancellationToken.None);
        var options = new Features.Demo.VolumeSeeder.Options(Option("--months", 12), Option("--per-month", 5000), Option("--calls-per-month", 2500));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<Features.Demo.VolumeSeeder>().SeedAsync(businessId, options, CancellationToken.None);
        await Console.Out.WriteLineAsync($"Seeded {result.Appointments} appointments, {result.Customers} customers, {result.Calls} calls ({result.Turns} transcript lines) in {clock.Elapsed.TotalSeconds:F0} s.");
        return 0;
    }

    private static int Usage(string verb)
    {
        Console.Error.WriteLine($"Unknown verb '{verb}'. Verbs: migrate, seed --volume, parse, healthcheck.");
        return 2;
    }
}
