namespace VoiceFlow.Web.Features.Settings;

/// <summary>A staff member being created or edited: name, services performed (none = all), working hours.</summary>
public sealed class StaffForm
{
    public Guid? Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public IReadOnlyCollection<Guid> ServiceIds { get; set; } = [];
    public List<DayHoursForm> Days { get; set; } = DayHoursForm.FromHours([]);
}
