using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Web.Api;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// One global limiter with three budgets (fixed one-minute windows): sign-in attempts per client IP (the login form's POST and the
/// API's login and refresh), API calls per API key or user, Twilio webhooks per business number (the called number). Everything
/// else is not limited. A refusal is 429 with Retry-After and problem details.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddVoiceFlowRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, budgets) =>
        {
            var limits = budgets.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>
    /// Twilio's webhooks (every POST under <c>/twilio</c>) take a lane of their own, placed before routing: the request
    /// culture is the default one (Twilio sends no preference and the replies choose their language from the call), the
    /// form is read (buffered, for the limiter's partition by called number and for the signature filter), then the
    /// global limiter. The webhook endpoints short-circuit at routing, so localization, authentication, the tenant,
    /// authorization and antiforgery, which they never use, do not run for them.
    /// </summary>
    public static IApplicationBuilder UseTwilioWebhookLane(this IApplicationBuilder app, CultureInfo culture)
    {
        app.UseWhen(IsTwilioWebhook, twilio =>
        {
            twilio.Use(async (context, next) =>
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = culture;
                var request = context.Request;
                if (request.HasFormContentType && request.ContentLength is > 0 and <= Voice.TwilioSignatureFilter.MaxBodyBytes)
                {
                    request.EnableBuffering();
                    try
                    {
                        await request.ReadFormAsync(context.RequestAborted);
                    }
                    catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
                    {
                        // The webhook's own filter answers 400 for an unreadable form; give it the body back.
                    }
                    request.Body.Position = 0;
                }
                await next(context);
            });
            twilio.UseRateLimiter();
        });
        return app;
    }

    /// <summary>The limiter for everything else (after authentication: the API's budget is per key or user).</summary>
    public static IApplicationBuilder UseVoiceFlowRateLimiting(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsTwilioWebhook(context), rest => rest.UseRateLimiter());

    private static bool IsTwilioWebhook(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/twilio") && HttpMethods.IsPost(context.Request.Method);

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitingOptions limits)
    {
        var path = context.Request.Path;
        var post = HttpMethods.IsPost(context.Request.Method);
        if (post && (path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/v1/auth/refresh", StringComparison.OrdinalIgnoreCase)))
        {
            return Window("signin:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local"), limits.SignInPerMinute);
        }
        if (path.StartsWithSegments("/api"))
        {
            var user = context.User;
            var who = user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } key ? "key:" + key
                : user.Identity?.IsAuthenticated == true ? "user:" + user.GetUserId()
                : "anonymous:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
            return Window("api:" + who, limits.ApiPerMinute);
        }
        if (post && path.StartsWithSegments("/twilio"))
        {
            var number = context.Request.HasFormContentType && context.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is { } form
                ? form["To"].ToString()
                : "";
            return Window("twilio:" + (number.Length is > 0 and <= 32 ? number : "unknown"), limits.WebhookPerNumberPerMinute);
        }
        return RateLimitPartition.GetNoLimiter("none");
    }

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"Too many requests; try again in {seconds} s.").ExecuteAsync(context);
    }
}
