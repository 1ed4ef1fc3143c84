using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Tests.Messaging;

/// <summary>Reminders planned by policy on the business's wall clock, across DST, out of quiet hours, following moves and cancellations.</summary>
public sealed class ReminderTests(TestServers servers)
{
    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Reminders_AcrossTheFallBack_GoOutAtLocalTimes_AndNeverInQuietHours()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        // Monday 2026-11-02, the day after Toronto falls back (EDT -> EST on Sunday 02:00).
        var ten = await kit.BookAsync(new DateTime(2026, 11, 2, 10, 0, 0), "+14165557001");
        var nine = await kit.BookAsync(new DateTime(2026, 11, 2, 9, 0, 0), "+14165557002", service: kit.CheckupId);

        Assert.True(await kit.PlanAsync() >= 4);
        Assert.Equal(0, await kit.PlanAsync());

        var tenReminders = (await kit.OutboxAsync(ten)).Where(m => m.Topic.StartsWith(SmsTopics.ReminderPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 1, 15)), (SmsTopics.ReminderSecond, Utc(11, 2, 13))],
            tenReminders.Select(m => (m.Topic, m.DueUtc)).ToList());
        // 24 h before 10:00 EST Monday is 10:00 EST Sunday (15:00 UTC), not 11:00 as a fixed EDT offset would say.
        var nineReminders = (await kit.OutboxAsync(nine)).Where(m => m.Topic.StartsWith(SmsTopics.ReminderPrefix, StringComparison.Ordinal)).ToList();
        // 2 h before 09:00 is 07:00, inside quiet hours (21:00-08:00): moved to 20:45 EST the evening before.
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 1, 14)), (SmsTopics.ReminderSecond, Utc(11, 2, 1, 45))],
            nineReminders.Select(m => (m.Topic, m.DueUtc)).ToList());

        await kit.DeliverAsync();
        Assert.Single(kit.Twilio.SentTo("+14165557001"));
        Assert.Contains("is booked for Mon, Nov 2 at 10:00 AM", kit.Twilio.SentTo("+14165557001")[0].Body, StringComparison.Ordinal);

        kit.Time.Advance(Utc(11, 1, 14, 59) - kit.Time.GetUtcNow().UtcDateTime);
        await kit.DeliverAsync();
        Assert.Single(kit.Twilio.SentTo("+14165557001"));
        Assert.Equal(2, kit.Twilio.SentTo("+14165557002").Count);

        kit.Time.Advance(TimeSpan.FromMinutes(1.5));
        await kit.DeliverAsync();
        var sent = kit.Twilio.SentTo("+14165557001");
        Assert.Equal(2, sent.Count);
        Assert.Equal("Maple Dental Clinic: reminder, your cleaning is on Mon, Nov 2 at 10:00 AM. Reply C to confirm, X to cancel, R to have us call you.", sent[1].Body);
    }

    [Fact]
    public async Task BookedInsideTheWindow_GetsOnlyTheLaterReminder_AndAMovedAppointmentsRemindersFollowIt()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        // Sunday noon: Monday 11:00 is 23 h away, inside the 24 h window.
        kit.Time.Advance(Utc(10, 25, 16) - kit.Time.GetUtcNow().UtcDateTime);
        var soon = await kit.BookAsync(new DateTime(2026, 10, 26, 11, 0, 0), "+14165557011");
        await kit.PlanAsync();
        Assert.Equal([SmsTopics.ReminderSecond], (await kit.OutboxAsync(soon)).Where(m => m.Topic.StartsWith("sms.reminder", StringComparison.Ordinal)).Select(m => m.Topic));

        var later = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557012", language: "fr-CA");
        await kit.PlanAsync();
        await using (var scope = kit.TenantScope())
        {
            var start = Domain.Scheduling.BusinessTimeZone.ToUtc("America/Toronto", new DateOnly(2026, 11, 4), new TimeOnly(14, 0)).Utc!.Value;
            var moved = await scope.ServiceProvider.GetRequiredService<BookingService>().RescheduleAsync(later, start, null, "test", TestContext.Current.CancellationToken);
            Assert.True(moved.Succeeded, moved.Message);
        }
        await kit.PlanAsync();
        var rows = (await kit.OutboxAsync(later)).Where(m => m.Topic.StartsWith("sms.reminder", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count(m => m.Status == OutboxStatus.Cancelled));
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 3, 19)), (SmsTopics.ReminderSecond, Utc(11, 4, 17))],
            rows.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.DueUtc).Select(m => (m.Topic, m.DueUtc)).ToList());

        kit.Time.Advance(Utc(11, 3, 19, 1) - kit.Time.GetUtcNow().UtcDateTime);
        await kit.DeliverAsync();
        var texts = kit.Twilio.SentTo("+14165557012").Select(m => m.Body).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Contains(texts, t => t.StartsWith("Maple Dental Clinic : votre rendez-vous (nettoyage) est déplacé au mer. 4 nov. à 14 h 00", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Maple Dental Clinic : rappel, votre rendez-vous (nettoyage) est le mer. 4 nov. à 14 h 00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelledAppointment_GetsNoReminder_BeforeOrAfterPlanning()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var planned = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557021");
        await kit.PlanAsync();
        var unplanned = await kit.BookAsync(new DateTime(2026, 11, 3, 13, 0, 0), "+14165557022");
        await using (var scope = kit.TenantScope())
        {
            var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
            Assert.True((await booking.CancelAsync(planned, null, "test", TestContext.Current.CancellationToken)).Succeeded);
            Assert.True((await booking.CancelAsync(unplanned, null, "test", TestContext.Current.CancellationToken)).Succeeded);
        }
        await kit.PlanAsync();
        Assert.DoesNotContain(await kit.OutboxAsync(unplanned), m => m.Topic.StartsWith("sms.reminder", StringComparison.Ordinal));
        Assert.All((await kit.OutboxAsync(planned)).Where(m => m.Topic.StartsWith("sms.reminder", StringComparison.Ordinal)), m => Assert.Equal(OutboxStatus.Cancelled, m.Status));

        kit.Time.Advance(Utc(11, 3, 14) - kit.Time.GetUtcNow().UtcDateTime);
        await kit.DeliverAsync();
        foreach (var phone in new[] { "+14165557021", "+14165557022" })
        {
            var texts = kit.Twilio.SentTo(phone).Select(m => m.Body).ToList();
            Assert.DoesNotContain(texts, t => t.Contains("reminder", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("is cancelled", StringComparison.Ordinal));
        }
    }
}
