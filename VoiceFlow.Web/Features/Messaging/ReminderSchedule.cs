using NodaTime;
using VoiceFlow.Domain.Businesses;

namespace VoiceFlow.Web.Features.Messaging;

/// <summary>
/// When an appointment's reminders go out. "N hours before" is elapsed time (an instant minus N hours), shown on the
/// business's wall clock. A reminder that would land in quiet hours is moved <em>earlier</em>, to
/// <see cref="QuietMargin"/> before quiet hours began that evening (20:45 with the default 21:00-08:00), so it still
/// arrives before the appointment and never at night. None when it would fall before the appointment was booked or
/// moved (a booking made inside the window); a second reminder that would not come after the first is dropped.
/// </summary>
public static class ReminderSchedule
{
    public static readonly TimeSpan QuietMargin = TimeSpan.FromMinutes(15);

    public static IReadOnlyList<(string Topic, DateTime DueUtc)> Plan(ReminderPolicy policy, string timeZoneId, DateTime startUtc, DateTime scheduledUtc)
    {
        var plan = new List<(string, DateTime)>();
        if (!policy.Enabled)
        {
            return plan;
        }
        var zone = DateTimeZoneProviders.Tzdb[timeZoneId];
        DateTime? first = null;
        if (policy.FirstReminderHours > 0)
        {
            first = Due(policy, zone, startUtc, policy.FirstReminderHours, scheduledUtc);
            if (first is { } due)
            {
                plan.Add((SmsTopics.ReminderFirst, due));
            }
        }
        if (policy.SecondReminderHours is > 0 and var hours)
        {
            var second = Due(policy, zone, startUtc, hours, scheduledUtc);
            if (second is { } due && (first is null || due > first.Value.AddMinutes(30)))
            {
                plan.Add((SmsTopics.ReminderSecond, due));
            }
        }
        return plan;
    }

    private static DateTime? Due(ReminderPolicy policy, DateTimeZone zone, DateTime startUtc, int hours, DateTime scheduledUtc)
    {
        var nominal = startUtc.AddHours(-hours);
        if (nominal < scheduledUtc)
        {
            return null;
        }
        var due = OutOfQuietHours(policy, zone, nominal);
        return due < scheduledUtc ? null : due;
    }

    /// <summary>The instant itself when it is outside quiet hours, else the last moment before that night's quiet hours began.</summary>
    public static DateTime OutOfQuietHours(ReminderPolicy policy, DateTimeZone zone, DateTime utc)
    {
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
        var time = local.TimeOfDay.ToTimeOnly();
        var (start, end) = (policy.QuietHoursStart, policy.QuietHoursEnd);
        if (start == end)
        {
            return utc;
        }
        var overnight = start > end;
        var quiet = overnight ? time >= start || time < end : time >= start && time < end;
        if (!quiet)
        {
            return utc;
        }
        // The evening quiet hours began: yesterday when we are past midnight in an overnight window.
        var day = overnight && time < end ? local.Date.PlusDays(-1) : local.Date;
        var target = day.At(LocalTime.FromTimeOnly(start)).PlusTicks(-QuietMargin.Ticks);
        return target.InZoneLeniently(zone).ToDateTimeUtc();
    }
}
