using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>A person (or room, or chair) that appointments are booked with. Has its own working hours.</summary>
public sealed class StaffMember : Entity, ITenantOwned
{
    private readonly List<WeeklyHours> _hours = [];

    private StaffMember() { }

    public StaffMember(Guid businessId, string name)
    {
        BusinessId = businessId;
        Rename(name);
    }

    public Guid BusinessId { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    /// <summary>Services this person performs; empty means all of them.</summary>
    public List<Guid> ServiceIds { get; private set; } = [];
    public IReadOnlyList<WeeklyHours> WorkingHours => _hours;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("staff.name_required", "A staff member needs a name.");
        }
        Name = name.Trim();
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public bool Performs(Guid serviceId) => ServiceIds.Count == 0 || ServiceIds.Contains(serviceId);

    public void ChangeServices(IEnumerable<Guid> serviceIds) => ServiceIds = serviceIds.Distinct().ToList();

    /// <summary>Replaces the weekly schedule. Intervals on one day may not overlap.</summary>
    public void SetWorkingHours(IEnumerable<WeeklyHours> hours)
    {
        var list = hours.ToList();
        WeeklyHours.EnsureNoOverlap(list);
        _hours.Clear();
        _hours.AddRange(list);
    }
}
