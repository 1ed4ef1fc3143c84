namespace VoiceFlow.Web.Features.Settings;

/// <summary>A service being created or edited in the Services dialog. Minutes and CAD, as owners think of them.</summary>
public sealed class ServiceForm
{
    public Guid? Id { get; set; }
    public string Name { get; set; } = "";
    public string? NameFr { get; set; }
    public int DurationMinutes { get; set; } = 30;
    public decimal Price { get; set; }
    public int BufferBeforeMinutes { get; set; }
    public int BufferAfterMinutes { get; set; }
    public List<string> Synonyms { get; set; } = [];
    public string Color { get; set; } = "#3f6ad8";
    public bool IsActive { get; set; } = true;

    public ServiceForm Copy()
    {
        var copy = (ServiceForm)MemberwiseClone();
        copy.Synonyms = [.. Synonyms];
        return copy;
    }
}
