using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Customers;

/// <summary>A person who books with a business, identified by phone number (unique per business).</summary>
public sealed class Customer : Entity, ITenantOwned
{
    private Customer() { }

    public Customer(Guid businessId, string name, PhoneNumber phone, string language, DateTime createdUtc)
    {
        BusinessId = businessId;
        Rename(name);
        Phone = phone.E164;
        Language = Common.Language.Normalize(language);
        CreatedUtc = createdUtc;
    }

    public Guid BusinessId { get; private set; }
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string? Email { get; private set; }
    public string Language { get; private set; } = Common.Language.English;
    public bool SmsOptedOut { get; private set; }
    public string? Notes { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public bool IsErased { get; private set; }

    public string FirstName => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? Name;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("customer.name_required", "A customer needs a name.");
        }
        if (name.Length > 200)
        {
            throw new DomainException("customer.name_too_long", "A name can have at most 200 characters.");
        }
        Name = name.Trim();
    }

    public void ChangePhone(PhoneNumber phone) => Phone = phone.E164;

    public void ChangeEmail(string? email) => Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    public void ChangeLanguage(string language) => Language = Common.Language.Normalize(language);

    public void ChangeNotes(string? notes) => Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();

    public void OptOutOfSms() => SmsOptedOut = true;

    public void OptInToSms() => SmsOptedOut = false;

    /// <summary>Right to be forgotten: personal data goes, the row stays so aggregates keep adding up.</summary>
    public void Erase()
    {
        Name = "Erased customer";
        Phone = "erased:" + Id.ToString("N");
        Email = null;
        Notes = null;
        SmsOptedOut = true;
        IsErased = true;
    }
}
