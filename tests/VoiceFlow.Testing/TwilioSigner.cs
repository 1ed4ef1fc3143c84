using System.Security.Cryptography;
using System.Text;

namespace VoiceFlow.Testing;

/// <summary>Signs webhook requests the way Twilio does: HMAC-SHA1 over the URL and the sorted POST parameters, Base64.</summary>
public static class TwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }
#pragma warning disable CA5350 // Twilio signs with HMAC-SHA1; we must match it.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>A signed form POST for <paramref name="url"/> (the absolute URL Twilio would call).</summary>
    public static HttpRequestMessage SignedPost(string authToken, Uri url, IReadOnlyDictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Sign(authToken, url.ToString(), form));
        return request;
    }
}
