namespace VoiceFlow.Domain.Analytics;

/// <summary>
/// What one business did on one local day (its time zone): calls by outcome and hour, appointments starting that day,
/// SMS. Additive: a period's figures are the sum of its days' (the averages and rates are worked out from the sums).
/// Test calls are left out.
/// </summary>
public sealed record DailyFigures
{
    public int Calls { get; init; }
    public int CallsBooked { get; init; }
    public int CallsRescheduled { get; init; }
    public int CallsCancelled { get; init; }
    public int CallsInformation { get; init; }
    public int CallsTransferred { get; init; }
    public int CallsVoicemail { get; init; }
    public int CallsAbandoned { get; init; }
    public int CallsFailed { get; init; }
    public int CallsFrench { get; init; }

    /// <summary>Calls whose duration is known, and the sum of those durations.</summary>
    public int TimedCalls { get; init; }
    public long TotalCallSeconds { get; init; }

    /// <summary>Minutes as Twilio bills them: each call rounded up to the next minute.</summary>
    public int BilledMinutes { get; init; }

    /// <summary>Appointments starting that day and not cancelled.</summary>
    public int Appointments { get; init; }
    public int AppointmentsCancelled { get; init; }
    public int Completed { get; init; }
    public int NoShows { get; init; }
    public decimal CompletedRevenue { get; init; }

    /// <summary>Appointments (not cancelled) that were the customer's first, and the others.</summary>
    public int NewCustomerAppointments { get; init; }
    public int ReturningCustomerAppointments { get; init; }

    /// <summary>SMS sent that day (all, confirmations, reminders), their estimated segments, and replies received.</summary>
    public int SmsSent { get; init; }
    public int SmsConfirmations { get; init; }
    public int SmsReminders { get; init; }
    public int SmsSegments { get; init; }
    public int SmsReplies { get; init; }
    public int SmsReplySegments { get; init; }

    /// <summary>Calls per local hour: 24 comma-separated counts, or empty when there were none.</summary>
    public string HourlyCalls { get; init; } = "";

    /// <summary>Appointments per service and per staff member: <c>id:count</c> pairs separated by <c>;</c>.</summary>
    public string ServiceCounts { get; init; } = "";
    public string StaffCounts { get; init; } = "";
}
