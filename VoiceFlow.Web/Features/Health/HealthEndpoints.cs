using Hangfire;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Sessions;

namespace VoiceFlow.Web.Features.Health;

/// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: database, session store and job storage answer.</summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(
        DatabaseOptionsHolder database, ICallSessionStore sessions, JobStorage jobs, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var checks = new Dictionary<string, string>
        {
            ["database"] = await CheckAsync(async () =>
            {
                await using var db = database.Create(tenant: null);
                return await db.Database.CanConnectAsync(timeout.Token);
            }),
            ["sessions"] = await CheckAsync(() => sessions.PingAsync(timeout.Token)),
            ["jobs"] = await CheckAsync(() =>
            {
                
                _ = jobs.GetMonitoringApi().EnqueuedCount("default");
                return Task.FromResult(true);
            }),
        };
        var ready = checks.Values.All(v => v == "ok");
        return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? 200 : 503);
    }

    private static async Task<string> CheckAsync(Func<Task<bool>> check)
    {
        try
        {
            return await check() ? "ok" : "unreachable";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "unreachable: " + ex.GetType().Name;
        }
    }
}
