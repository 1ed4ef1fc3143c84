using PhoneNumbers;
using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Customers;

/// <summary>A phone number in E.164 form (+14165550123). Parsed with libphonenumber, default region Canada.</summary>
public sealed record PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164) => E164 = e164;

    public string E164 { get; }

    /// <summary>The last four digits: what the agent may read aloud.</summary>
    public string LastFour => E164[^4..];

    public static bool TryParse(string? text, out PhoneNumber? number, string defaultRegion = "CA")
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }
        try
        {
            var parsed = Util.Parse(text, defaultRegion);
            if (!Util.IsPossibleNumber(parsed))
            {
                return false;
            }
            number = new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164));
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    public static PhoneNumber Parse(string? text, string defaultRegion = "CA") =>
        TryParse(text, out var number, defaultRegion)
            ? number!
            : throw new DomainException("phone.invalid", $"'{text}' is not a phone number.");

    /// <summary>Pretty national form for display, e.g. (416) 555-0123.</summary>
    public string ToDisplay()
    {
        var parsed = Util.Parse(E164, "CA");
        return Util.Format(parsed, parsed.CountryCode == 1 ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
    }

    public override string ToString() => E164;
}
