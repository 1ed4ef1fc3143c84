namespace VoiceFlow.Web.Features.Customers;

/// <summary>The contact-details form's model.</summary>
public sealed class CustomerContact
{
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string? Email { get; set; }
    public string Language { get; set; } = Domain.Common.Language.English;
    public bool SmsOptedOut { get; set; }
}
