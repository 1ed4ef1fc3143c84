using Microsoft.AspNetCore.Components;

namespace VoiceFlow.Web.Components.Account;

/// <summary>Redirects from static server-rendered account pages, keeping redirects local.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri)
    {
        uri ??= "";
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative))
        {
            uri = navigationManager.ToBaseRelativePath(uri);
        }
        navigationManager.NavigateTo(uri);
    }
}
