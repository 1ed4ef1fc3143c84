using Microsoft.Extensions.Options;
using Twilio.Security;

namespace VoiceFlow.Web.Voice;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with the Twilio SDK's validator against the public URL Twilio called:
/// scheme and host as the proxy saw them (forwarded headers), with and without the default port.
/// </summary>
public sealed class TwilioSignature(IOptionsMonitor<TwilioOptions> options)
{
    public bool IsValid(HttpRequest request, IFormCollection form)
    {
        var token = options.CurrentValue.AuthToken;
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(signature))
        {
            return false;
        }
        var parameters = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        var validator = ValidatorFor(token);
        return CandidateUrls(request).Any(url => validator.Validate(url, parameters, signature));
    }

    // The SDK's validator holds its own HMAC and hash objects (native handles, not thread-safe): one per thread and
    // token, instead of a new pair for every webhook. A changed token makes a new one.
    [ThreadStatic]
    private static (string Token, RequestValidator Validator)? t_validator;

    private static RequestValidator ValidatorFor(string token)
    {
        if (t_validator is { } cached && string.Equals(cached.Token, token, StringComparison.Ordinal))
        {
            return cached.Validator;
        }
        var validator = new RequestValidator(token);
        t_validator = (token, validator);
        return validator;
    }

    public IEnumerable<string> CandidateUrls(HttpRequest request)
    {
        var pathAndQuery = request.PathBase + request.Path + request.QueryString;
        if (options.CurrentValue.PublicBaseUrl is { } publicBase)
        {
            yield return publicBase.GetLeftPart(UriPartial.Authority) + pathAndQuery;
            yield break;
        }
        var scheme = request.Scheme;
        var host = request.Host;
        yield return $"{scheme}://{host}{pathAndQuery}";
        var defaultPort = scheme == "https" ? 443 : 80;
        if (host.Port is null)
        {
            yield return $"{scheme}://{host.Host}:{defaultPort}{pathAndQuery}";
        }
        else if (host.Port == defaultPort)
        {
            yield return $"{scheme}://{host.Host}{pathAndQuery}";
        }
    }
}
