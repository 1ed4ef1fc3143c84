using System.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VoiceFlow.Web.Features.Operations;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// Metrics, traces and logs. OpenTelemetry metrics (ASP.NET Core, HttpClient, runtime, VoiceFlow's webhook timings) are
/// served for Prometheus on <c>/metrics</c>; traces go to an OTLP collector only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// (or <c>OpenTelemetry:OtlpEndpoint</c>) is set. Outside Development, console logs are JSON lines with their scopes, so
/// a voice webhook's log lines carry its CallSid. Errors are also kept in memory for the admin page.
/// </summary>
public static class Observability
{
    public const string ActivitySourceName = "VoiceFlow";
    public static readonly ActivitySource Activities = new(ActivitySourceName);

    public static IHostApplicationBuilder AddVoiceFlowObservability(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<RecentErrors>();
        services.AddSingleton<ILoggerProvider, RecentErrorsLoggerProvider>();
        services.AddScoped<OperationsService>();

        if (!builder.Environment.IsDevelopment() && builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? builder.Configuration["OpenTelemetry:OtlpEndpoint"];
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("voiceflow"))
            .WithMetrics(m => m
                .AddMeter(WebhookMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddView("voiceflow.webhook.duration", new ExplicitBucketHistogramConfiguration { Boundaries = WebhookMetrics.Bounds })
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            telemetry.WithTracing(t => t
                .AddSource(ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/_blazor"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        return builder;
    }

    /// <summary>Times the Twilio webhooks (voice and SMS) for the metrics and the admin page.</summary>
    public static IApplicationBuilder UseWebhookTiming(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/twilio"), branch => branch.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var failed = true;
            try
            {
                await next(context);
                failed = context.Response.StatusCode >= 500;
            }
            finally
            {
                var route = context.Request.Path.StartsWithSegments("/twilio/sms") ? "sms" : "voice";
                context.RequestServices.GetRequiredService<WebhookMetrics>()
                    .Record(route, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed);
            }
        }));

    /// <summary><c>/metrics</c> in Prometheus text format (anonymous, like <c>/healthz</c>: keep it off the public edge).</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return endpoints;
    }
}
