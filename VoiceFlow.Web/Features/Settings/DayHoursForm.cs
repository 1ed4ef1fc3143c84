using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>A weekday's intervals being edited; no interval means closed. Breaks are the gaps between intervals.</summary>
public sealed class DayHoursForm
{
    public DayOfWeek Day { get; set; }
    public List<IntervalForm> Intervals { get; set; } = [];

    /// <summary>Monday first, as people read a week in Canada's offices.</summary>
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static List<DayHoursForm> FromHours(IEnumerable<WeeklyHours> hours)
    {
        var list = hours.ToList();
        return Week.Select(day => new DayHoursForm
        {
            Day = day,
            Intervals = list.Where(h => h.Day == day).OrderBy(h => h.Opens)
                .Select(h => new IntervalForm { Opens = h.Opens, Closes = h.Closes }).ToList(),
        }).ToList();
    }

    /// <summary>The domain's hours, validated by the domain (closing after opening, no overlap on a day).</summary>
    public static List<WeeklyHours> ToHours(IEnumerable<DayHoursForm> days)
    {
        var result = new List<WeeklyHours>();
        foreach (var day in days)
        {
            var hours = new List<WeeklyHours>();
            foreach (var interval in day.Intervals)
            {
                if (interval.Opens is null || interval.Closes is null)
                {
                    throw new DomainException("hours.incomplete", "Choose both an opening and a closing time.");
                }
                hours.Add(new WeeklyHours(day.Day, interval.Opens.Value, interval.Closes.Value));
            }
            WeeklyHours.EnsureNoOverlap(hours);
            result.AddRange(hours);
        }
        return result;
    }

    public static string Describe(IEnumerable<WeeklyHours> hours, DayOfWeek day) =>
        string.Join(",", hours.Where(h => h.Day == day).OrderBy(h => h.Opens).Select(h => $"{h.Opens:HH\\:mm}-{h.Closes:HH\\:mm}"));
}
