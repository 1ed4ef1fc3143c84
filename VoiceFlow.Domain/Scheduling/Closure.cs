using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>A day (or run of days) the business, or one staff member, is closed: a holiday, a vacation.</summary>
public sealed class Closure : Entity, ITenantOwned
{
    private Closure() { }

    public Closure(Guid businessId, DateOnly from, DateOnly to, string reason, Guid? staffMemberId = null)
    {
        if (to < from)
        {
            throw new DomainException("closure.end_before_start", "A closure must end on or after the day it starts.");
        }
        BusinessId = businessId;
        From = from;
        To = to;
        Reason = string.IsNullOrWhiteSpace(reason) ? "Closed" : reason.Trim();
        StaffMemberId = staffMemberId;
    }

    public Guid BusinessId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>Null: the whole business is closed.</summary>
    public Guid? StaffMemberId { get; private set; }

    public bool Covers(DateOnly day) => day >= From && day <= To;
}
