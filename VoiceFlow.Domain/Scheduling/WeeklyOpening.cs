namespace VoiceFlow.Domain.Scheduling;

/// <summary>
/// Weekly wall-clock hours pre-indexed for the engine: for each <see cref="DayOfWeek"/>, sorted and
/// merged [opens, closes) pairs as ticks since local midnight, flattened (o0, c0, o1, c1, ...).
/// </summary>
internal static class WeeklyOpening
{
    public static long[][] Build(IEnumerable<WeeklyHours> hours)
    {
        var result = new long[7][];
        foreach (var group in hours.GroupBy(h => h.Day))
        {
            var merged = new List<long>();
            foreach (var h in group.OrderBy(h => h.Opens))
            {
                var opens = h.Opens.Ticks;
                var closes = h.Closes.Ticks;
                if (merged.Count > 0 && opens <= merged[^1])
                {
                    merged[^1] = Math.Max(merged[^1], closes);
                }
                else
                {
                    merged.Add(opens);
                    merged.Add(closes);
                }
            }
            result[(int)group.Key] = [.. merged];
        }
        for (var d = 0; d < 7; d++)
        {
            result[d] ??= [];
        }
        return result;
    }

    public static bool Covers(int[] from, int[] to, int dayNumber)
    {
        for (var i = 0; i < from.Length; i++)
        {
            if (dayNumber >= from[i] && dayNumber <= to[i])
            {
                return true;
            }
        }
        return false;
    }
}
