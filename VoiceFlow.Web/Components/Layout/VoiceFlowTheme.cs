using MudBlazor;

namespace VoiceFlow.Web.Components.Layout;

/// <summary>One theme, one accent colour; light by default, dark available.</summary>
public static class VoiceFlowTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3b5bdb",
            Secondary = "#5c677d",
            Tertiary = "#0c8599",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            DrawerText = "#374151",
            Surface = "#ffffff",
            TextPrimary = "#1f2937",
            TextSecondary = "#5b6472",
            LinesDefault = "#e5e7eb",
            Success = "#237032",
            Warning = "#a85400",
            Error = "#c21f1f",
            Info = "#1971c2",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#748ffc",
            Secondary = "#a0a9ba",
            Tertiary = "#3bc9db",
            AppbarBackground = "#1b1e27",
            Background = "#12141b",
            DrawerBackground = "#1b1e27",
            Surface = "#1e2230",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#a0a9ba",
            LinesDefault = "#2c3142",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "232px",
        },
    };
}
