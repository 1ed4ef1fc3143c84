using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Analytics;

/// <summary>One business's figures for one local day, rolled up by a job so dashboards stay fast.</summary>
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
    public DailyFigures Figures { get; private set; } = new();
    public DateTime ComputedUtc { get; private set; }

    /// <summary>Replaces the day's figures with freshly computed ones (recomputing is always safe).</summary>
    public void Record(DailyFigures figures, DateTime computedUtc)
    {
        Figures = figures;
        ComputedUtc = computedUtc;
    }
}
