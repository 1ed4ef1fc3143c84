using System.Security.Cryptography;
using System.Text;

namespace VoiceFlow.LoadTest;

/// <summary>Twilio's request signature: HMAC-SHA1 of the URL followed by the sorted POST parameters, Base64.</summary>
internal static class TwilioSignature
{
    public static string Compute(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var key in form.Keys.Order(StringComparer.Ordinal))
        {
            data.Append(key).Append(form[key]);
        }
#pragma warning disable CA5350 // Twilio signs with HMAC-SHA1; the tool must match it.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
