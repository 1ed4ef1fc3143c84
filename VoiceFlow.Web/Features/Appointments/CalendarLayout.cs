namespace VoiceFlow.Web.Features.Appointments;

/// <summary>Geometry of the week and day views: where a block goes, and how overlapping blocks share a column.</summary>
public static class CalendarLayout
{
    public const double HourHeightPx = 64;
    public const int SlotMinutes = 30;
    private const double MinHeightPx = 22;

    /// <summary>The hours to draw: the business's opening hours, widened to show any appointment outside them.</summary>
    public static (int Open, int Close) VisibleHours(int openHour, int closeHour, IEnumerable<AppointmentItem> items)
    {
        foreach (var item in items)
        {
            openHour = Math.Min(openHour, item.StartLocal.Hour);
            var endHour = item.EndLocal.Date > item.StartLocal.Date ? 24 : item.EndLocal.Hour + (item.EndLocal.Minute > 0 ? 1 : 0);
            closeHour = Math.Max(closeHour, endHour);
        }
        return (Math.Clamp(openHour, 0, 23), Math.Clamp(Math.Max(closeHour, openHour + 1), 1, 24));
    }

    /// <summary>Places one column's appointments (same day, same column) between the opening and closing hour.</summary>
    public static IReadOnlyList<PlacedAppointment> Place(IEnumerable<AppointmentItem> items, int openHour, int closeHour)
    {
        var ordered = items.OrderBy(i => i.StartLocal).ThenBy(i => i.EndLocal).ToList();
        var result = new List<PlacedAppointment>(ordered.Count);
        var cluster = new List<(AppointmentItem Item, int Lane)>();
        var laneEnds = new List<DateTime>();
        var clusterEnd = DateTime.MinValue;

        foreach (var item in ordered)
        {
            if (cluster.Count > 0 && item.StartLocal >= clusterEnd)
            {
                Flush();
            }
            var lane = laneEnds.FindIndex(end => end <= item.StartLocal);
            if (lane < 0)
            {
                laneEnds.Add(item.EndLocal);
                lane = laneEnds.Count - 1;
            }
            else
            {
                laneEnds[lane] = item.EndLocal;
            }
            cluster.Add((item, lane));
            clusterEnd = item.EndLocal > clusterEnd ? item.EndLocal : clusterEnd;
        }
        Flush();
        return result;

        void Flush()
        {
            foreach (var (item, lane) in cluster)
            {
                var (top, height) = Geometry(item.StartLocal, item.EndLocal, openHour, closeHour);
                result.Add(new PlacedAppointment(item, top, height, lane, laneEnds.Count));
            }
            cluster.Clear();
            laneEnds.Clear();
            clusterEnd = DateTime.MinValue;
        }
    }

    /// <summary>Top and height in pixels of a local time range, clipped to the visible hours.</summary>
    public static (double TopPx, double HeightPx) Geometry(DateTime startLocal, DateTime endLocal, int openHour, int closeHour)
    {
        var dayStart = startLocal.Date.AddHours(openHour);
        var dayEnd = startLocal.Date.AddHours(closeHour);
        var start = startLocal < dayStart ? dayStart : startLocal;
        var end = endLocal > dayEnd ? dayEnd : endLocal;
        var top = (start - dayStart).TotalMinutes / 60 * HourHeightPx;
        var height = Math.Max(MinHeightPx, (end - start).TotalMinutes / 60 * HourHeightPx);
        return (Math.Round(top, 2), Math.Round(height, 2));
    }

    public static double TotalHeightPx(int openHour, int closeHour) => (closeHour - openHour) * HourHeightPx;

    /// <summary>The Monday starting the week that holds <paramref name="day"/>.</summary>
    public static DateOnly StartOfWeek(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
