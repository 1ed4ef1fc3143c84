namespace VoiceFlow.Web.Features.Settings;

/// <summary>A closure being edited. <see cref="Id"/> is null until saved; no staff member means the whole business.</summary>
public sealed class ClosureForm
{
    public Guid? Id { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string Reason { get; set; } = "";
    public Guid? StaffMemberId { get; set; }
}
