using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.ScaleOut;

/// <summary>
/// Two apps in one process, each on its own database, started at the same moment (as parallel tests start them).
/// Hangfire's defaults are process-wide (<c>JobStorage.Current</c>, <c>JobActivator.Current</c>): the app that
/// configured itself last took the other's place, so the other enqueued into a foreign database and built its jobs
/// from foreign services. Each app now owns its storage and activator.
/// </summary>
[Collection(TwoInstanceCollection.Name)]
public sealed class JobsPerAppTests(TestServers servers)
{
    [Fact]
    public async Task TwoAppsStartedTogether_EachEnqueuesIntoItsOwnDatabaseAndRunsItsJobsWithItsOwnServices()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var x = await VoiceFlowAppFactory.CreateAsync(servers, extra: TwoInstanceCollection.Quiet(("ScaleOut:Instance", "X")));
        await using var y = await VoiceFlowAppFactory.CreateAsync(servers, extra: TwoInstanceCollection.Quiet(("ScaleOut:Instance", "Y")));
        Assert.NotEqual(x.ConnectionString, y.ConnectionString);
        await Task.WhenAll(Task.Run(() => x.StartKestrel(), ct), Task.Run(() => y.StartKestrel(), ct));

        var token = Guid.NewGuid().ToString("N");
        x.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ScaleOutProbeJob>(j => j.Run(token + "-x"));
        y.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ScaleOutProbeJob>(j => j.Run(token + "-y"));

        Assert.Equal(1, await CountJobsAsync(x, token + "-x", ct));
        Assert.Equal(0, await CountJobsAsync(x, token + "-y", ct));
        Assert.Equal(1, await CountJobsAsync(y, token + "-y", ct));
        Assert.Equal(0, await CountJobsAsync(y, token + "-x", ct));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (ScaleOutProbeJob.Runs.Count(r => r.Token.StartsWith(token, StringComparison.Ordinal)) < 2 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200, ct);
        }
        var runs = ScaleOutProbeJob.Runs.Where(r => r.Token.StartsWith(token, StringComparison.Ordinal)).Select(r => (r.Token[^1..], r.Instance)).Order().ToList();
        Assert.Equal([("x", "X"), ("y", "Y")], runs);
    }

    private static async Task<int> CountJobsAsync(VoiceFlowAppFactory app, string argument, CancellationToken ct)
    {
        await using var db = app.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM hangfire.job WHERE arguments::text LIKE {0}", "%" + argument + "%").SingleAsync(ct);
    }
}
