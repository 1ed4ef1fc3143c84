using System.Globalization;
using MudBlazor;
using MudBlazor.Charts;
using MudBlazor.Utilities;
using VoiceFlow.Web.Components.Layout;

namespace VoiceFlow.Web.Components.Shared;

/// <summary>
/// How the portal's MudBlazor charts look: colours from the app's theme, y axes with a handful of round ticks in the
/// user's culture, x-axis labels thinned when there are many, and labels made safe for the axis (MudBlazor writes axis
/// labels into the SVG as markup, unencoded).
/// </summary>
public static class ChartStyle
{
    private static readonly Palette Theme = VoiceFlowTheme.Theme.PaletteLight;

    /// <summary>Series colours, in order: the accent first, then the theme's other colours.</summary>
    public static string[] Palette { get; } =
        [.. new[] { Theme.Primary, Theme.Tertiary, Theme.Warning, Theme.Success, Theme.Secondary, Theme.Error, Theme.Info, Theme.TextPrimary }.Select(Hex)];

    /// <summary>Five shades of the accent, from a faint tint (none) to the accent itself (the most), for heat maps.</summary>
    public static string[] Shades { get; } = [.. new[] { 0.08, 0.3, 0.55, 0.8, 1.0 }.Select(share => Tint(Theme.Primary, share))];

    public static string Hex(MudColor color) => color.ToString(MudColorOutputFormats.Hex);

    /// <summary>The x-axis labels MudBlazor draws are raw markup: the three markup characters become look-alikes.</summary>
    public static string AxisLabel(string label) => label.Replace('&', '＆').Replace('<', '‹').Replace('>', '›');

    /// <summary>
    /// A CSS class that shows every n-th x-axis label when there are more than <paramref name="most"/> (app.css hides the
    /// rest), so ninety days or sixty minutes stay readable while every point keeps its label in the tooltip.
    /// </summary>
    public static string LabelStepClass(int labels, int most)
    {
        int[] steps = [1, 2, 3, 4, 5, 6, 7, 10, 14, 15, 20, 30];
        var step = steps.FirstOrDefault(s => (labels + s - 1) / s <= most, steps[^1]);
        return step == 1 ? "" : $"vf-xstep-{step}";
    }

    /// <summary>About five round ticks up to <paramref name="max"/>, numbers in the user's culture.</summary>
    public static TOptions Axis<TOptions>(TOptions options, double max, string format) where TOptions : DefaultAxisChartOptions
    {
        var culture = CultureInfo.CurrentCulture;
        options.YAxisTicks = RoundStep(max / 5);
        options.MaxNumYAxisTicks = 8;
        options.YAxisToStringFunc = value => value.ToString(format, culture);
        options.ChartPalette = Palette;
        return options;
    }

    /// <summary>1, 2 or 5 times a power of ten, at least 1 (MudBlazor's tick spacing is a whole number).</summary>
    public static int RoundStep(double rough)
    {
        if (rough <= 1)
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var mantissa = rough / power;
        var round = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
        return (int)Math.Min(int.MaxValue, round * power);
    }

    private static string Tint(MudColor color, double share)
    {
        static int Mix(byte channel, double share) => (int)Math.Round(255 + ((channel - 255) * share));
        return $"#{Mix(color.R, share):x2}{Mix(color.G, share):x2}{Mix(color.B, share):x2}";
    }
}
