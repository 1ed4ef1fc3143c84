using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using VoiceFlow.Domain.Analytics;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Features.Analytics;

/// <summary>
/// Works out <see cref="DailyFigures"/> from the raw rows for a span of local days of one business, in a handful of
/// queries for the whole span (then split by local day in memory). Used by the roll-up job for closed days and by the
/// analytics page for today (and any day not rolled up yet), so both give the same figures.
/// </summary>
public static class DailyFiguresCalculator
{
    public static async Task<IReadOnlyDictionary<DateOnly, DailyFigures>> ComputeAsync(
        VoiceFlowDbContext db, Guid businessId, DateTimeZone zone, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var result = new Dictionary<DateOnly, DailyFigures>();
        if (to < from)
        {
            return result;
        }
        var startUtc = zone.AtStartOfDay(LocalDate.FromDateOnly(from)).ToDateTimeUtc();
        var endUtc = zone.AtStartOfDay(LocalDate.FromDateOnly(to).PlusDays(1)).ToDateTimeUtc();
        DateOnly DayOf(DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).Date.ToDateOnly();
        int HourOf(DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).Hour;

        var calls = await db.Calls.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.BusinessId == businessId && !c.IsTest && c.StartedUtc >= startUtc && c.StartedUtc < endUtc)
            .Select(c => new { c.StartedUtc, c.Outcome, c.DurationSeconds, c.Language })
            .ToListAsync(cancellationToken);
        var appointments = await db.Appointments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.BusinessId == businessId && a.StartUtc >= startUtc && a.StartUtc < endUtc)
            .Select(a => new
            {
                a.StartUtc,
                a.Status,
                a.ServiceId,
                a.StaffMemberId,
                Price = db.Services.IgnoreQueryFilters().Where(s => s.Id == a.ServiceId).Select(s => s.Price).FirstOrDefault(),
                Returning = db.Appointments.IgnoreQueryFilters().Any(b => b.BusinessId == businessId && b.CustomerId == a.CustomerId &&
                    b.Status != AppointmentStatus.Cancelled && b.StartUtc < a.StartUtc),
            })
            .ToListAsync(cancellationToken);
        var sms = await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.BusinessId == businessId && m.Kind == OutboxKind.Sms && m.SentUtc != null && m.SentUtc >= startUtc && m.SentUtc < endUtc)
            .Select(m => new { SentUtc = m.SentUtc!.Value, m.Topic, m.Payload })
            .ToListAsync(cancellationToken);
        var replies = await db.InboundMessages.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.BusinessId == businessId && m.ReceivedUtc >= startUtc && m.ReceivedUtc < endUtc)
            .Select(m => new { m.ReceivedUtc, m.Body })
            .ToListAsync(cancellationToken);
        var businessName = sms.Count == 0 ? "" : await db.Businesses.IgnoreQueryFilters().Where(b => b.Id == businessId)
            .Select(b => b.Name).FirstOrDefaultAsync(cancellationToken) ?? "";

        var callsByDay = calls.ToLookup(c => DayOf(c.StartedUtc));
        var appointmentsByDay = appointments.ToLookup(a => DayOf(a.StartUtc));
        var smsByDay = sms.ToLookup(m => DayOf(m.SentUtc));
        var repliesByDay = replies.ToLookup(m => DayOf(m.ReceivedUtc));
        var segmentsByTopic = new Dictionary<(string, bool), int>();

        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var dayCalls = callsByDay[day].ToList();
            var dayAppointments = appointmentsByDay[day].ToList();
            var kept = dayAppointments.Where(a => a.Status != AppointmentStatus.Cancelled).ToList();
            var daySms = smsByDay[day].ToList();
            var dayReplies = repliesByDay[day].ToList();
            var timed = dayCalls.Where(c => c.DurationSeconds is not null).Select(c => c.DurationSeconds!.Value).ToList();
            int Outcome(CallOutcome outcome) => dayCalls.Count(c => c.Outcome == outcome);
            var hours = new int[24];
            foreach (var call in dayCalls)
            {
                hours[HourOf(call.StartedUtc)]++;
            }
            result[day] = new DailyFigures
            {
                Calls = dayCalls.Count,
                CallsBooked = Outcome(CallOutcome.Booked),
                CallsRescheduled = Outcome(CallOutcome.Rescheduled),
                CallsCancelled = Outcome(CallOutcome.Cancelled),
                CallsInformation = Outcome(CallOutcome.Information),
                CallsTransferred = Outcome(CallOutcome.Transferred),
                CallsVoicemail = Outcome(CallOutcome.Voicemail),
                CallsAbandoned = Outcome(CallOutcome.Abandoned),
                CallsFailed = Outcome(CallOutcome.Failed),
                CallsFrench = dayCalls.Count(c => Language.Normalize(c.Language) == Language.French),
                TimedCalls = timed.Count,
                TotalCallSeconds = timed.Sum(s => (long)s),
                BilledMinutes = timed.Sum(s => (s + 59) / 60),
                Appointments = kept.Count,
                AppointmentsCancelled = dayAppointments.Count - kept.Count,
                Completed = kept.Count(a => a.Status == AppointmentStatus.Completed),
                NoShows = kept.Count(a => a.Status == AppointmentStatus.NoShow),
                CompletedRevenue = kept.Where(a => a.Status == AppointmentStatus.Completed).Sum(a => a.Price),
                NewCustomerAppointments = kept.Count(a => !a.Returning),
                ReturningCustomerAppointments = kept.Count(a => a.Returning),
                SmsSent = daySms.Count,
                SmsConfirmations = daySms.Count(m => m.Topic == SmsTopics.Confirmation),
                SmsReminders = daySms.Count(m => m.Topic.StartsWith(SmsTopics.ReminderPrefix, StringComparison.Ordinal)),
                SmsSegments = daySms.Sum(m => EstimatedSegments(segmentsByTopic, businessName, m.Topic, m.Payload)),
                SmsReplies = dayReplies.Count,
                SmsReplySegments = dayReplies.Sum(m => Math.Max(1, SmsSegments.Count(m.Body))),
                HourlyCalls = dayCalls.Count == 0 ? "" : string.Join(',', hours.Select(h => h.ToString(CultureInfo.InvariantCulture))),
                ServiceCounts = Pairs(kept.GroupBy(a => a.ServiceId)),
                StaffCounts = Pairs(kept.GroupBy(a => a.StaffMemberId)),
            };
        }
        return result;
    }

    private static string Pairs<T>(IEnumerable<IGrouping<Guid, T>> groups) =>
        string.Join(';', groups.OrderBy(g => g.Key).Select(g => g.Key.ToString("N") + ":" + g.Count().ToString(CultureInfo.InvariantCulture)));

    /// <summary>Id/count pairs written by <see cref="Pairs{T}"/>, added into <paramref name="into"/>.</summary>
    public static void AddPairs(string pairs, Dictionary<Guid, int> into)
    {
        foreach (var pair in pairs.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Guid.TryParseExact(pair[..colon], "N", out var id) &&
                int.TryParse(pair[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                into[id] = into.GetValueOrDefault(id) + count;
            }
        }
    }

    /// <summary>
    /// The text is rendered when sent and not kept, so its segments are estimated from the same template with a typical
    /// service and date in the customer's language.
    /// </summary>
    private static int EstimatedSegments(Dictionary<(string, bool), int> cache, string business, string topic, string payload)
    {
        var french = false;
        try
        {
            french = SmsText.IsFrench(JsonSerializer.Deserialize<SmsPayload>(payload, SmsDeliveryJob.Json)?.Language);
        }
        catch (JsonException)
        {
            // A redacted or unexpected payload: estimate in English.
        }
        if (!cache.TryGetValue((topic, french), out var segments))
        {
            string text;
            try
            {
                text = SmsText.Render(topic, french ? Language.French : Language.English, business, french ? "nettoyage" : "cleaning",
                    french ? "mar. 1 déc. à 10 h 00" : "Tue, Dec 1 at 10:00 AM");
            }
            catch (ArgumentOutOfRangeException)
            {
                text = business;
            }
            segments = Math.Max(1, SmsSegments.Count(text));
            cache[(topic, french)] = segments;
        }
        return segments;
    }
}
