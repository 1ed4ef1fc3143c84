using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>One open interval on a weekday, in local time: Monday 09:00-12:00. Breaks are gaps between intervals.</summary>
public sealed record WeeklyHours
{
    public WeeklyHours(DayOfWeek day, TimeOnly opens, TimeOnly closes)
    {
        if (closes <= opens)
        {
            throw new DomainException("hours.end_before_start", $"On {day}, closing ({closes:HH\\:mm}) must be after opening ({opens:HH\\:mm}).");
        }
        Day = day;
        Opens = opens;
        Closes = closes;
    }

    public DayOfWeek Day { get; init; }
    public TimeOnly Opens { get; init; }
    public TimeOnly Closes { get; init; }

    public static void EnsureNoOverlap(IEnumerable<WeeklyHours> hours)
    {
        foreach (var day in hours.GroupBy(h => h.Day))
        {
            var ordered = day.OrderBy(h => h.Opens).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Opens < ordered[i - 1].Closes)
                {
                    throw new DomainException("hours.overlap", $"Opening hours on {day.Key} overlap.");
                }
            }
        }
    }
}
