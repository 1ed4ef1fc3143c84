using System.Security.Cryptography;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// Security headers for the portal's pages: a content security policy that Blazor Server and MudBlazor work under
/// (scripts only from this origin plus the import map, which carries a per-request nonce; inline styles allowed because
/// MudBlazor sets style attributes and its theme's CSS variables; the circuit's WebSocket to this origin; no framing),
/// no MIME sniffing, no referrer beyond this origin, no camera or geolocation. Twilio webhooks and the REST API are left
/// exactly as they are. HSTS is added outside Development by <c>UseHsts</c>.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string NonceKey = "vf.csp-nonce";

    public static bool Applies(PathString path) =>
        !path.StartsWithSegments("/twilio") && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz");

    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>The nonce of this request's policy, for the one inline script the page has (the import map).</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceKey] as string;

    public Task InvokeAsync(HttpContext context)
    {
        if (Applies(context.Request.Path))
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // 128 bits; no "+" or "/", which HTML would entity-encode
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
