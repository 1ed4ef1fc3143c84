using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using VoiceFlow.Infrastructure.Identity;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// The EN/FR switch. The portal's language is chosen per user: the switch stores it in the culture cookie and, for a
/// signed-in user, in their profile, so it follows them to another device at their next sign-in.
/// </summary>
internal static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (HttpContext context, UserManager<ApplicationUser> users, string? culture, string? redirectUri) =>
        {
            var chosen = Normalize(culture);
            AppendCultureCookie(context.Response, chosen);
            if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user && user.PreferredLanguage != chosen)
            {
                user.PreferredLanguage = chosen;
                await users.UpdateAsync(user);
            }
            var target = redirectUri is not null && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal)
                ? redirectUri
                : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>At sign-in: a language chosen on this device becomes the user's; otherwise the user's own applies.</summary>
    public static async Task ApplyAtSignInAsync(HttpContext context, UserManager<ApplicationUser> users, ApplicationUser user)
    {
        var cookie = context.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
        var chosenHere = cookie is null ? null : CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value;
        if (chosenHere is not null)
        {
            var normalized = Normalize(chosenHere);
            if (user.PreferredLanguage != normalized)
            {
                user.PreferredLanguage = normalized;
                await users.UpdateAsync(user);
            }
            return;
        }
        AppendCultureCookie(context.Response, Normalize(user.PreferredLanguage));
    }

    private static string Normalize(string? culture) => culture is not null && culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr-CA" : "en-CA";

    private static void AppendCultureCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
}
