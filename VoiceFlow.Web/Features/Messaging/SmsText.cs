using System.Globalization;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// The words of every SMS, in the customer's language, rendered when sent (so a moved appointment's reminder gives the new time).
/// Dates and times are the business's wall clock.
/// </summary>
public static class SmsText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");

    public static bool IsFrench(string? language) => Language.Normalize(language) == Language.French;

    /// <summary>"Tue, Dec 1 at 10:00 AM" / "mar. 1 déc. à 10 h 00".</summary>
    public static string When(string timeZoneId, DateTime startUtc, string? language)
    {
        var local = BusinessTimeZone.ToLocal(timeZoneId, startUtc);
        var at = local.Date.ToDateTime(local.Time);
        return IsFrench(language)
            ? at.ToString("ddd d MMM", French) + " à " + at.ToString("H' h 'mm", French)
            : at.ToString("ddd, MMM d", English) + " at " + at.ToString("h:mm tt", English);
    }

    public static string Render(string topic, string language, string business, string service, string when)
    {
        var fr = IsFrench(language);
        return topic switch
        {
            SmsTopics.Confirmation => fr
                ? $"{business} : votre rendez-vous ({service}) est réservé pour le {when}. Répondez C pour confirmer, X pour annuler, R pour qu'on vous rappelle."
                : $"{business}: your {service} is booked for {when}. Reply C to confirm, X to cancel, R to have us call you.",
            SmsTopics.Rescheduled => fr
                ? $"{business} : votre rendez-vous ({service}) est déplacé au {when}. Répondez C pour confirmer, X pour annuler, R pour qu'on vous rappelle."
                : $"{business}: your {service} has moved to {when}. Reply C to confirm, X to cancel, R to have us call you.",
            SmsTopics.Cancelled => Cancelled(fr, business, service, when),
            _ when topic.StartsWith(SmsTopics.ReminderPrefix, StringComparison.Ordinal) => fr
                ? $"{business} : rappel, votre rendez-vous ({service}) est le {when}. Répondez C pour confirmer, X pour annuler, R pour qu'on vous rappelle."
                : $"{business}: reminder, your {service} is on {when}. Reply C to confirm, X to cancel, R to have us call you.",
            _ => throw new ArgumentOutOfRangeException(nameof(topic), topic, "Not an SMS topic."),
        };
    }

    public static string Cancelled(bool fr, string business, string service, string when) => fr
        ? $"{business} : votre rendez-vous ({service}) du {when} est annulé. Appelez-nous pour en prendre un autre."
        : $"{business}: your {service} on {when} is cancelled. Call us to book again.";

    public static string Confirmed(bool fr, string business, string service, string when) => fr
        ? $"{business} : merci, votre rendez-vous ({service}) du {when} est confirmé."
        : $"{business}: thanks, your {service} on {when} is confirmed.";

    public static string NoAppointment(bool fr, string business) => fr
        ? $"{business} : nous ne trouvons aucun rendez-vous à venir pour ce numéro. Appelez-nous, s'il vous plaît."
        : $"{business}: we couldn't find an upcoming appointment for this number. Please call us.";

    public static string CallBack(bool fr, string business) => fr
        ? $"{business} : merci, nous vous rappellerons bientôt."
        : $"{business}: thanks, we'll call you back soon.";
}
