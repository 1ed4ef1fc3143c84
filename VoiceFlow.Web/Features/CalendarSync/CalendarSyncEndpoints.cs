using Hangfire;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Hosting;

namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>
/// <c>GET /calendar/google/connect</c> (owner: off to Google's consent), <c>GET /calendar/google/callback</c> (Google
/// sends the owner back with a code), <c>POST /calendar/google/notify</c> (Google's push notifications).
/// </summary>
public static class CalendarSyncEndpoints
{
    public const string CallbackPath = "/calendar/google/callback";
    public const string NotifyPath = "/calendar/google/notify";

    public static IEndpointRouteBuilder MapCalendarSyncEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/google/connect", Connect).RequireAuthorization(Policies.Owner);
        endpoints.MapGet(CallbackPath, CallbackAsync).RequireAuthorization(Policies.Owner);
        endpoints.MapPost(NotifyPath, NotifyAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static Uri RedirectUri(HttpContext http, Infrastructure.Calendar.GoogleOptions google) =>
        new(google.PublicBaseUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}"), CallbackPath);

    private static IResult Connect(HttpContext http, CalendarConnectionService service, Microsoft.Extensions.Options.IOptionsMonitor<Infrastructure.Calendar.GoogleOptions> google)
    {
        var businessId = http.User.GetBusinessId();
        if (!service.IsConfigured || businessId is null)
        {
            return Results.Redirect("/settings?tab=calendar&calendar=not-configured");
        }
        return Results.Redirect(service.BeginConnect(businessId.Value, http.User.GetUserId(), RedirectUri(http, google.CurrentValue)).ToString());
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, CalendarConnectionService service,
        Microsoft.Extensions.Options.IOptionsMonitor<Infrastructure.Calendar.GoogleOptions> google, ILoggerFactory loggers, string? code, string? state, string? error)
    {
        var businessId = http.User.GetBusinessId();
        if (error is not null)
        {
            return Results.Redirect("/settings?tab=calendar&calendar=denied");
        }
        if (businessId is null || string.IsNullOrEmpty(code) || string.IsNullOrEmpty(state) || service.ReadState(state, businessId.Value) is null)
        {
            return Results.Redirect("/settings?tab=calendar&calendar=invalid");
        }
        try
        {
            var problem = await service.CompleteConnectAsync(businessId.Value, code, RedirectUri(http, google.CurrentValue), http.User.GetUserId(), http.RequestAborted);
            return Results.Redirect(problem is null ? "/settings?tab=calendar&calendar=connected" : "/settings?tab=calendar&calendar=no-offline");
        }
        catch (Exception ex) when (ex is Infrastructure.Calendar.GoogleAuthorizationException or Infrastructure.Calendar.GoogleApiException or HttpRequestException)
        {
            loggers.CreateLogger(typeof(CalendarSyncEndpoints)).LogWarning(ex, "Completing the Google connection failed");
            return Results.Redirect("/settings?tab=calendar&calendar=failed");
        }
    }

    /// <summary>Google's "something changed" ping: known channel and resource -> that calendar is pulled now (as a job).</summary>
    private static async Task<IResult> NotifyAsync(HttpContext http, DatabaseOptionsHolder database, IBackgroundJobClient jobs)
    {
        var channelId = http.Request.Headers["X-Goog-Channel-ID"].ToString();
        var resourceId = http.Request.Headers["X-Goog-Resource-ID"].ToString();
        var resourceState = http.Request.Headers["X-Goog-Resource-State"].ToString();
        if (channelId.Length == 0 || channelId.Length > 128)
        {
            return Results.BadRequest();
        }
        await using var db = database.Create(tenant: null);
        var mapping = await db.CalendarMappings.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.ChannelId == channelId).Select(m => new { m.Id, m.ChannelResourceId }).FirstOrDefaultAsync(http.RequestAborted);
        if (mapping is null || (mapping.ChannelResourceId is not null && mapping.ChannelResourceId != resourceId))
        {
            // Unknown or stale channel: 404 tells Google to stop sending it.
            return Results.NotFound();
        }
        if (resourceState != "sync")
        {
            jobs.Enqueue<CalendarSyncJob>(j => j.SyncMappingAsync(mapping.Id, CancellationToken.None));
        }
        return Results.Ok();
    }
}
