using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using VoiceFlow.Infrastructure.Identity;

namespace VoiceFlow.Web.Api;

/// <summary>
/// ASP.NET Core Identity's token endpoints under /api/v1/auth: login (bearer + refresh token), refresh, and reading one's own account.
/// Accounts are created by an owner in the portal, so registration, e-mail flows and account changes are not offered here,
/// nor cookie sign-in (the portal's form, with antiforgery, does that).
/// </summary>
public static class AuthEndpoints
{
    internal static readonly string[] Offered = ["/login", "/refresh", "/manage/info"];

    public static IEndpointRouteBuilder MapApiAuth(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/v1/auth").WithTags("Authentication");
        auth.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var path = http.Request.Path.Value ?? "";
            var offered = Offered.Any(o => path.EndsWith(o, StringComparison.OrdinalIgnoreCase))
                && (!path.EndsWith("/manage/info", StringComparison.OrdinalIgnoreCase) || HttpMethods.IsGet(http.Request.Method));
            if (!offered)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
            }
            if (http.Request.Query.ContainsKey("useCookies") || http.Request.Query.ContainsKey("useSessionCookies"))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
                    detail: "The API issues bearer tokens only; sign in to the portal with its form.");
            }
            if (ApiInput.FieldWithNul(context.Arguments) is not null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "Text may not contain NUL characters.");
            }
            if (context.Arguments.OfType<LoginRequest>().FirstOrDefault() is { } login)
            {
                var users = http.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
                if (login.Email is { Length: > 256 } || (await users.FindByEmailAsync(login.Email ?? "") is { IsActive: false }))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Sign-in refused.");
                }
            }
            return await next(context);
        });
        auth.MapIdentityApi<ApplicationUser>();
        return endpoints;
    }
}
