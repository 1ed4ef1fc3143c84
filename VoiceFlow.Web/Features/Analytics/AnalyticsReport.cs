namespace VoiceFlow.Web.Features.Analytics;

/// <summary>A period's figures next to the previous period of the same length.</summary>
public sealed record AnalyticsReport(
    DateOnly From,
    DateOnly To,
    PeriodFigures Current,
    PeriodFigures Previous,
    IReadOnlyList<DayFigures> Days,
    IReadOnlyList<NamedCount> Outcomes,
    IReadOnlyList<NamedCount> Languages,
    IReadOnlyList<NamedCount> Services);

/// <summary>The headline numbers of one period. Test calls are left out.</summary>
public sealed record PeriodFigures(int Calls, int BookedByPhone, double AverageCallSeconds, int Appointments, int NoShows, int Completed, decimal Revenue)
{
    public double Conversion => Calls == 0 ? 0 : (double)BookedByPhone / Calls;

    public double NoShowRate => Completed + NoShows == 0 ? 0 : (double)NoShows / (Completed + NoShows);
}

public sealed record DayFigures(DateOnly Day, int Calls, int Booked);

public sealed record NamedCount(string Name, int Count);
