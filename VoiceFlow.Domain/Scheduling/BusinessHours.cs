using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>A row of the business's weekly opening hours (one interval of one weekday).</summary>
public sealed class BusinessHours : Entity, ITenantOwned
{
    private BusinessHours() { }

    public BusinessHours(Guid businessId, WeeklyHours hours)
    {
        BusinessId = businessId;
        Day = hours.Day;
        Opens = hours.Opens;
        Closes = hours.Closes;
    }

    public Guid BusinessId { get; private set; }
    public DayOfWeek Day { get; private set; }
    public TimeOnly Opens { get; private set; }
    public TimeOnly Closes { get; private set; }

    public WeeklyHours ToWeeklyHours() => new(Day, Opens, Closes);
}
