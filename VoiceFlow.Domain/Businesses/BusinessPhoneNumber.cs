using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;

namespace VoiceFlow.Domain.Businesses;

/// <summary>A Twilio number the business answers. Unique across the platform: it picks the tenant of a call.</summary>
public sealed class BusinessPhoneNumber : Entity, ITenantOwned
{
    private BusinessPhoneNumber() { }

    internal BusinessPhoneNumber(Guid businessId, string e164)
    {
        BusinessId = businessId;
        Number = PhoneNumber.Parse(e164).E164;
    }

    public Guid BusinessId { get; private set; }
    public string Number { get; private set; } = "";
}
