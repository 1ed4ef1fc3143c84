namespace VoiceFlow.Web.Voice;

/// <summary>Twilio account and webhook settings (<c>Twilio:*</c>). Secrets come from the environment or user secrets.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    public string AccountSid { get; set; } = "";

    public string AuthToken { get; set; } = "";

    /// <summary>Checking <c>X-Twilio-Signature</c> can be switched off only in Development.</summary>
    public bool ValidateSignatures { get; set; } = true;

    /// <summary>Base of Twilio's REST API; tests point it at a fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com");

    /// <summary>The public URL Twilio calls, when it differs from what the request says (a proxy that rewrites hosts).</summary>
    public Uri? PublicBaseUrl { get; set; }
}
