using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using VoiceFlow.Web.Resources;

namespace VoiceFlow.Web.Tests.Components;

/// <summary>The bUnit set-up every portal component test shares: MudBlazor services (with the portal's MudBlazor strings), loose JS interop, localization.</summary>
internal static class PortalTestContext
{
    public static BunitContext Create()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        ctx.Services.AddLocalization();
        return ctx;
    }
}
