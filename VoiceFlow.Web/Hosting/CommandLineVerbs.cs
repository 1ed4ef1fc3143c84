using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// <c>migrate</c>: apply database migrations and exit. <c>parse</c>: speech understanding over JSON lines
/// (no database, no server).
/// </summary>
internal static class CommandLineVerbs
{
    public static bool IsOfflineVerb(string verb) => verb == "parse";

    public static bool IsDatabaseVerb(string verb) => verb is "migrate";

    public static Task<int> RunOfflineAsync(string[] args) => Task.FromResult(Usage(args[0]));

    public static async Task<int> RunDatabaseVerbAsync(WebApplication app, string[] args)
    {
        switch (args[0])
        {
            case "migrate":
                await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                await Console.Out.WriteLineAsync("Database migrated.");
                return 0;
            default:
                return Usage(args[0]);
        }
    }

    private static int Usage(string verb)
    {
        Console.Error.WriteLine($"Unknown verb '{verb}'. Verbs: migrate, parse.");
        return 2;
    }
}
