using System.Globalization;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>Wall-clock times formatted for the user's culture ("t" only means a short time on its own, never inside a custom pattern).</summary>
public static class LocalFormat
{
    public static string Time(DateTime local) => local.ToString("t", CultureInfo.CurrentCulture);

    public static string DayAndTime(DateTime local) => $"{local.ToString("ddd d MMM", CultureInfo.CurrentCulture)}, {Time(local)}";

    public static string DateAndTime(DateTime local) => $"{local.ToString("ddd d MMM yyyy", CultureInfo.CurrentCulture)}, {Time(local)}";

    public static string LongDateAndTime(DateTime local) => $"{local.ToString("dddd d MMMM", CultureInfo.CurrentCulture)}, {Time(local)}";
}
