using System.Security.Cryptography;
using System.Text;

namespace VoiceFlow.LoadTest;

/// <summary>Twilio's request signature: HMAC-SHA1 of the URL followed by the POST parameters sorted by name, Base64.</summary>
internal sealed class TwilioSignature(string authToken)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(authToken);

    /// <summary>Signs a form whose parameters are already sorted by name (ordinal).</summary>
    public string Sign(string url, IReadOnlyList<KeyValuePair<string, string>> sortedForm)
    {
        var data = new StringBuilder(url, 512);
        foreach (var (key, value) in sortedForm)
        {
            data.Append(key).Append(value);
        }
#pragma warning disable CA5350 // Twilio signs with HMAC-SHA1; the tool must match it.
        return Convert.ToBase64String(HMACSHA1.HashData(_key, Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
