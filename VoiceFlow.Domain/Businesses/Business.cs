using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Businesses;

/// <summary>The tenant: a clinic, salon or practice that answers one or more phone numbers.</summary>
public sealed class Business : Entity
{
    private readonly List<BusinessPhoneNumber> _phoneNumbers = [];

    private Business() { }

    public Business(string name, string timeZoneId, string defaultLanguage)
    {
        Rename(name);
        ChangeTimeZone(timeZoneId);
        DefaultLanguage = Language.Normalize(defaultLanguage);
    }

    public string Name { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "America/Toronto";
    public string DefaultLanguage { get; private set; } = Language.English;
    public string? TransferNumber { get; private set; }
    public string? Address { get; private set; }
    public string? GreetingEn { get; private set; }
    public string? GreetingFr { get; private set; }
    public ReminderPolicy Reminders { get; private set; } = ReminderPolicy.Default;
    public BookingPolicy Booking { get; private set; } = BookingPolicy.Default;
    /// <summary>Transcripts and recordings older than this are deleted; null keeps them.</summary>
    public int? RetentionDays { get; private set; }
    public IReadOnlyCollection<BusinessPhoneNumber> PhoneNumbers => _phoneNumbers;

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("business.name_required", "A business needs a name.");
        }
        Name = name.Trim();
    }

    public void ChangeTimeZone(string timeZoneId)
    {
        if (NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) is null)
        {
            throw new DomainException("business.time_zone_unknown", $"'{timeZoneId}' is not an IANA time zone.");
        }
        TimeZoneId = timeZoneId;
    }

    public void ChangeDefaultLanguage(string language) => DefaultLanguage = Language.Normalize(language);

    public void ChangeContact(string? transferNumber, string? address)
    {
        TransferNumber = string.IsNullOrWhiteSpace(transferNumber) ? null : transferNumber.Trim();
        Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }

    public void ChangeGreetings(string? english, string? french)
    {
        GreetingEn = string.IsNullOrWhiteSpace(english) ? null : english.Trim();
        GreetingFr = string.IsNullOrWhiteSpace(french) ? null : french.Trim();
    }

    public void ChangeReminderPolicy(ReminderPolicy policy) => Reminders = policy;

    public void ChangeBookingPolicy(BookingPolicy policy) => Booking = policy;

    public void ChangeRetention(int? days)
    {
        if (days is < 1)
        {
            throw new DomainException("business.retention_invalid", "Retention must be at least one day.");
        }
        RetentionDays = days;
    }

    public BusinessPhoneNumber AddPhoneNumber(string e164)
    {
        var existing = _phoneNumbers.FirstOrDefault(p => p.Number == e164);
        if (existing is not null)
        {
            return existing;
        }
        var number = new BusinessPhoneNumber(Id, e164);
        _phoneNumbers.Add(number);
        return number;
    }

    public void RemovePhoneNumber(string e164) => _phoneNumbers.RemoveAll(p => p.Number == e164);
}
