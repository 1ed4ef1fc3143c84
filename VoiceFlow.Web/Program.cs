using VoiceFlow.Infrastructure;
using VoiceFlow.Web.Hosting;

// Verbs that need no web server: `parse` (speech understanding over JSON lines).
if (args.Length > 0 && CommandLineVerbs.IsOfflineVerb(args[0]))
{
    return await CommandLineVerbs.RunOfflineAsync(args);
}

// The thread pool keeps its own minimum (one thread per core): the webhooks never block a thread while they wait on
// Redis or PostgreSQL, and a floor of 64 threads cost about 12% of throughput on two cores (threads taking turns).

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddVoiceFlowInfrastructure();
    builder.AddVoiceFlowWeb();

    var app = builder.Build();
    app.UseVoiceFlowWeb();

    // Verbs that need the database: `migrate`, `seed --volume`.
    if (args.Length > 0 && CommandLineVerbs.IsDatabaseVerb(args[0]))
    {
        return await CommandLineVerbs.RunDatabaseVerbAsync(app, args);
    }

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.IsConfigurationProblem(ex))
{
    // One clear line naming the key, not a stack trace.
    await Console.Error.WriteLineAsync("VoiceFlow could not start. " + StartupFailure.Describe(ex));
    return 1;
}

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
