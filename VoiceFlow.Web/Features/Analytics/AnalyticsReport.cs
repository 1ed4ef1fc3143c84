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
    IReadOnlyList<NamedCount> Services,
    IReadOnlyList<NamedCount> Staff,
    IReadOnlyList<HeatRow> Heat,
    CostEstimate Cost);

/// <summary>The headline numbers of one period. Test calls are left out.</summary>
public sealed record PeriodFigures(int Calls, int BookedByPhone, double AverageCallSeconds, int Appointments, int NoShows, int Completed, decimal Revenue)
{
    public double Conversion => Calls == 0 ? 0 : (double)BookedByPhone / Calls;

    public double NoShowRate => Completed + NoShows == 0 ? 0 : (double)NoShows / (Completed + NoShows);

    /// <summary>Calls the receptionist settled on its own: booked, moved, cancelled or answered.</summary>
    public int HandledCalls { get; init; }
    public int BilledMinutes { get; init; }
    public int NewCustomers { get; init; }
    public int ReturningCustomers { get; init; }
    public int SmsSent { get; init; }
    public int SmsConfirmations { get; init; }
    public int SmsReminders { get; init; }
    public int SmsSegments { get; init; }
    public int SmsReplies { get; init; }
    public int SmsReplySegments { get; init; }
}

public sealed record DayFigures(DateOnly Day, int Calls, int Booked);

public sealed record NamedCount(string Name, int Count);

/// <summary>Calls in each local hour (0 to 23) of one weekday, summed over the period.</summary>
public sealed record HeatRow(DayOfWeek Day, IReadOnlyList<int> Hours);

/// <summary>
/// What the period cost in Twilio charges (voice minutes and SMS segments at the business's rates) against what the
/// handled calls would have cost in staff time. Canadian dollars.
/// </summary>
public sealed record CostEstimate(
    int BilledMinutes, int SmsSegments, decimal VoiceCost, decimal SmsCost, int HandledCalls, decimal StaffHours, decimal StaffCost,
    AnalyticsRates Rates)
{
    public decimal TwilioCost => VoiceCost + SmsCost;

    public decimal Saving => StaffCost - TwilioCost;
}

public sealed record AnalyticsRates(decimal VoicePerMinute, decimal SmsPerSegment, decimal StaffMinutesPerCall, decimal StaffHourlyWage);
