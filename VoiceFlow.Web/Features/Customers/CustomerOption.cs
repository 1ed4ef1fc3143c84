namespace VoiceFlow.Web.Features.Customers;

/// <summary>A customer offered by search-as-you-type: name and formatted phone.</summary>
public sealed record CustomerOption(Guid Id, string Name, string Phone)
{
    public override string ToString() => $"{Name} · {Phone}";
}
