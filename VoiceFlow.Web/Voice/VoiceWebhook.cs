namespace VoiceFlow.Web.Voice;

/// <summary>The fields of a Twilio voice webhook that the receptionist uses.</summary>
public sealed record VoiceWebhook(
    string CallSid,
    string From,
    string To,
    string? SpeechResult = null,
    double? Confidence = null,
    string? Digits = null,
    string? CallStatus = null)
{
    public const int MaxFieldLength = 4000;

    /// <summary>Reads the form; null when a required field is missing or malformed.</summary>
    public static VoiceWebhook? FromForm(IFormCollection form)
    {
        var sid = form["CallSid"].ToString();
        var to = form["To"].ToString();
        if (string.IsNullOrWhiteSpace(sid) || sid.Length > 64 || string.IsNullOrWhiteSpace(to) || to.Length > 64)
        {
            return null;
        }
        double? confidence = double.TryParse(form["Confidence"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null;
        return new VoiceWebhook(sid, Clip(form["From"].ToString(), 64), to, Clip(form["SpeechResult"].ToString(), MaxFieldLength),
            confidence, Clip(form["Digits"].ToString(), 32), Clip(form["CallStatus"].ToString(), 32));
    }

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;
}
