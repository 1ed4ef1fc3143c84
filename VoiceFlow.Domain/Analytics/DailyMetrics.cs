using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Analytics;

/// <summary>One business's numbers for one local day, rolled up by a job so dashboards stay fast.</summary>
public sealed class DailyMetrics : Entity, ITenantOwned
{
    private DailyMetrics() { }

    public DailyMetrics(Guid businessId, DateOnly day)
    {
        BusinessId = businessId;
        Day = day;
    }

    public Guid BusinessId { get; private set; }
    public DateOnly Day { get; private set; }
    public int Calls { get; private set; }
    public int CallsBooked { get; private set; }
    public int CallsTransferred { get; private set; }
    public int CallsAbandoned { get; private set; }
    public int TotalCallSeconds { get; private set; }
    public int AppointmentsBooked { get; private set; }
    public int AppointmentsCancelled { get; private set; }
    public int NoShows { get; private set; }
    public int SmsSent { get; private set; }
    public decimal BookedRevenue { get; private set; }

    public void Update(int calls, int callsBooked, int callsTransferred, int callsAbandoned, int totalCallSeconds,
        int appointmentsBooked, int appointmentsCancelled, int noShows, int smsSent, decimal bookedRevenue)
    {
        Calls = calls;
        CallsBooked = callsBooked;
        CallsTransferred = callsTransferred;
        CallsAbandoned = callsAbandoned;
        TotalCallSeconds = totalCallSeconds;
        AppointmentsBooked = appointmentsBooked;
        AppointmentsCancelled = appointmentsCancelled;
        NoShows = noShows;
        SmsSent = smsSent;
        BookedRevenue = bookedRevenue;
    }
}
