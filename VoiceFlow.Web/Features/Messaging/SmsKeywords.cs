using System.Globalization;
using System.Text;
using VoiceFlow.Domain.Messaging;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// What a reply means. Only the first word counts, case and accents ignored ("Oui!" = OUI, "ARRÊT" = ARRET).
/// CANCEL is both our cancel word and one of Twilio's opt-out words; Twilio blocks the number after it whatever we do,
/// so CANCEL cancels the next appointment <em>and</em> records the opt-out (see <see cref="IsAlsoOptOut"/>).
/// X and ANNULER only cancel. YES confirms and, as Twilio treats it, opts back in.
/// </summary>
public static class SmsKeywords
{
    private static readonly HashSet<string> Confirm = ["C", "OUI", "YES", "CONFIRM", "CONFIRMER"];
    private static readonly HashSet<string> Cancel = ["X", "ANNULER", "CANCEL"];
    private static readonly HashSet<string> CallBack = ["R", "RAPPEL", "CALL"];
    private static readonly HashSet<string> OptOut = ["STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "ARRET", "REVOKE", "OPTOUT"];
    private static readonly HashSet<string> OptIn = ["START", "UNSTOP", "SUBSCRIBE"];

    public static InboundIntent Classify(string? body)
    {
        var word = FirstWord(body);
        if (word.Length == 0)
        {
            return InboundIntent.Empty;
        }
        if (Confirm.Contains(word)) { return InboundIntent.Confirm; }
        if (Cancel.Contains(word)) { return InboundIntent.Cancel; }
        if (CallBack.Contains(word)) { return InboundIntent.CallBack; }
        if (OptOut.Contains(word)) { return InboundIntent.OptOut; }
        return OptIn.Contains(word) ? InboundIntent.OptIn : InboundIntent.Other;
    }

    /// <summary>Words Twilio's own opt-out handling acts on even when they mean something to us.</summary>
    public static bool IsAlsoOptOut(string? body) => FirstWord(body) == "CANCEL";

    /// <summary>Words Twilio's own opt-in handling acts on even when they mean something to us.</summary>
    public static bool IsAlsoOptIn(string? body) => FirstWord(body) == "YES";

    private static string FirstWord(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        // The first word, with trailing punctuation ("Oui!", "x.") dropped; "C'est" stays "C'EST" and means nothing.
        var first = body.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('.', '!', '?', ',', ';', ':');
        if (first.Length is 0 or > 40)
        {
            return "";
        }
        var decomposed = first.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c);
            }
        }
        return plain.ToString().ToUpperInvariant();
    }
}
