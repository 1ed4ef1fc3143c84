using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Scheduling;

/// <summary>Something a customer can book: a cleaning, a haircut, a consultation.</summary>
public sealed class Service : Entity, ITenantOwned
{
    private Service() { }

    public Service(Guid businessId, string name, TimeSpan duration, decimal price)
    {
        BusinessId = businessId;
        Rename(name);
        ChangeDuration(duration);
        ChangePrice(price);
    }

    public Guid BusinessId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The French name, when the business gives one.</summary>
    public string? NameFr { get; private set; }
    /// <summary>Other words callers use for it ("teeth cleaning", "nettoyage"), matched by the speech layer.</summary>
    public List<string> Synonyms { get; private set; } = [];
    public TimeSpan Duration { get; private set; }
    public decimal Price { get; private set; }
    public TimeSpan BufferBefore { get; private set; }
    public TimeSpan BufferAfter { get; private set; }
    public string Color { get; private set; } = "#3f6ad8";
    public bool IsActive { get; private set; } = true;

    public void Rename(string name, string? nameFr = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("service.name_required", "A service needs a name.");
        }
        Name = name.Trim();
        NameFr = string.IsNullOrWhiteSpace(nameFr) ? NameFr : nameFr.Trim();
    }

    public void ChangeDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromHours(12) || duration.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new DomainException("service.duration_invalid", "A duration is whole minutes, between 1 minute and 12 hours.");
        }
        Duration = duration;
    }

    public void ChangePrice(decimal price)
    {
        if (price < 0)
        {
            throw new DomainException("service.price_invalid", "A price cannot be negative.");
        }
        Price = price;
    }

    public void ChangeBuffers(TimeSpan before, TimeSpan after)
    {
        if (before < TimeSpan.Zero || after < TimeSpan.Zero || before > TimeSpan.FromHours(4) || after > TimeSpan.FromHours(4))
        {
            throw new DomainException("service.buffer_invalid", "Buffers are between 0 and 4 hours.");
        }
        BufferBefore = before;
        BufferAfter = after;
    }

    public void ChangeSynonyms(IEnumerable<string> synonyms) =>
        Synonyms = synonyms.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public void ChangeColor(string color) => Color = color;

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public string DisplayName(string language) =>
        language == Language.French && NameFr is not null ? NameFr : Name;
}
