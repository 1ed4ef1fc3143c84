using System.Text.RegularExpressions;

namespace VoiceFlow.Web.Features.Privacy;

/// <summary>
/// Keeps personal data out of logs: phone numbers become "+1416***4567" (enough to tell two apart, not to call),
/// email addresses "j***@example.org". Applied to text from outside (Twilio error messages) before it is logged.
/// </summary>
public static partial class PiiMask
{
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        if (digits.Length < 7)
        {
            return new string('*', digits.Length);
        }
        var prefix = phone.TrimStart().StartsWith('+') ? "+" : "";
        return prefix + digits[..Math.Clamp(digits.Length - 7, 0, 4)] + "***" + digits[^4..];
    }

    /// <summary>Masks every phone number and email address found in free text.</summary>
    public static string Text(string? text) =>
        string.IsNullOrEmpty(text)
            ? ""
            : Email().Replace(PhoneInText().Replace(text, m => Phone(m.Value)), m => m.Value[0] + "***" + m.Value[m.Value.IndexOf('@', StringComparison.Ordinal)..]);

    [GeneratedRegex(@"\+?\d[\d\s().-]{5,}\d")]
    private static partial Regex PhoneInText();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
