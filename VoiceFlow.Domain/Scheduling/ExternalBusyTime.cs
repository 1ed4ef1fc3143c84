using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>Time a staff member is busy elsewhere (a Google Calendar event we did not make).</summary>
public sealed class ExternalBusyTime : Entity, ITenantOwned
{
    private ExternalBusyTime() { }

    public ExternalBusyTime(Guid businessId, Guid staffMemberId, DateTime startUtc, DateTime endUtc, string source, string externalId)
    {
        if (endUtc <= startUtc)
        {
            throw new DomainException("busy.end_before_start", "A busy time must end after it starts.");
        }
        BusinessId = businessId;
        StaffMemberId = staffMemberId;
        StartUtc = startUtc;
        EndUtc = endUtc;
        Source = source;
        ExternalId = externalId;
    }

    public Guid BusinessId { get; private set; }
    public Guid StaffMemberId { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public string Source { get; private set; } = "";
    public string ExternalId { get; private set; } = "";

    public void Move(DateTime startUtc, DateTime endUtc)
    {
        StartUtc = startUtc;
        EndUtc = endUtc;
    }
}
