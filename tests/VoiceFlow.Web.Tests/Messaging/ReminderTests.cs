using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Tests.Messaging;

/// <summary>Reminders planned by policy on the business's wall clock, across DST, out of quiet hours, following moves and cancellations.</summary>
public sealed class ReminderTests(TestServers servers)
{
    private static DateTime Utc(int month, int day, int hour, int minute = 0, int second = 0) => new(2026, month, day, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    public async Task Reminders_AcrossTheFallBack_GoOutAtLocalTimes_AndNeverInQuietHours()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        // Monday 2026-11-02, the day after Toronto falls back (EDT -> EST on Sunday 02:00).
        var ten = await kit.BookAsync(new DateTime(2026, 11, 2, 10, 0, 0), "+14165557001");
        var nine = await kit.BookAsync(new DateTime(2026, 11, 2, 9, 0, 0), "+14165557002", service: kit.CheckupId);

        await kit.DeliverAsync();
        Assert.Contains("is booked for Mon, Nov 2 at 10:00 AM", Assert.Single(kit.Twilio.SentTo("+14165557001")).Body, StringComparison.Ordinal);

        // Sunday 01:00 EDT, an hour before the clocks go back: the first reminders are due within the planning window.
        await kit.AdvanceToAsync(Utc(11, 1, 5));
        Assert.True(await kit.PlanAsync() >= 2);
        Assert.Equal(0, await kit.PlanAsync());
        // 24 h before 10:00 EST Monday is 10:00 EST Sunday (15:00 UTC), not 11:00 as the booking day's EDT offset would say.
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 1, 15))], await RemindersAsync(kit, ten));
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 1, 14))], await RemindersAsync(kit, nine));

        await kit.AdvanceToAsync(Utc(11, 1, 14, 59));
        await kit.DeliverAsync();
        Assert.Single(kit.Twilio.SentTo("+14165557001"));
        Assert.Equal(2, kit.Twilio.SentTo("+14165557002").Count);
        await kit.AdvanceToAsync(Utc(11, 1, 15, 0, 30));
        await kit.DeliverAsync();
        var sent = kit.Twilio.SentTo("+14165557001");
        Assert.Equal(2, sent.Count);
        Assert.Equal("Maple Dental Clinic: reminder, your cleaning is on Mon, Nov 2 at 10:00 AM. Reply C to confirm, X to cancel, R to have us call you.", sent[1].Body);

        // 2 h before 09:00 is 07:00, inside quiet hours (21:00-08:00): moved to 20:45 EST the evening before.
        await kit.AdvanceToAsync(Utc(11, 1, 16));
        await kit.PlanAsync();
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 1, 14)), (SmsTopics.ReminderSecond, Utc(11, 2, 1, 45))], await RemindersAsync(kit, nine));
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 1, 15))], await RemindersAsync(kit, ten));
        await kit.AdvanceToAsync(Utc(11, 2, 2));
        await kit.PlanAsync();
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 1, 15)), (SmsTopics.ReminderSecond, Utc(11, 2, 13))], await RemindersAsync(kit, ten));
    }

    private static async Task<List<(string, DateTime)>> RemindersAsync(SmsTestKit kit, Guid appointmentId) =>
        (await kit.OutboxAsync(appointmentId)).Where(m => m.Topic.StartsWith(SmsTopics.ReminderPrefix, StringComparison.Ordinal) && m.Status != OutboxStatus.Cancelled)
            .Select(m => (m.Topic, m.DueUtc)).ToList();

    [Fact]
    public async Task BookedInsideTheWindow_GetsOnlyTheLaterReminder_AndAMovedAppointmentsRemindersFollowIt()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        // Sunday noon: Monday 11:00 is 23 h away, inside the 24 h window.
        await kit.AdvanceToAsync(Utc(10, 25, 16));
        var soon = await kit.BookAsync(new DateTime(2026, 10, 26, 11, 0, 0), "+14165557011");
        await kit.AdvanceToAsync(Utc(10, 26, 6));
        await kit.PlanAsync();
        Assert.Equal([(SmsTopics.ReminderSecond, Utc(10, 26, 13))], await RemindersAsync(kit, soon));

        var later = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557012", language: "fr-CA");
        await kit.DeliverAsync();
        await kit.AdvanceToAsync(Utc(11, 2, 4));
        await kit.PlanAsync();
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 2, 15))], await RemindersAsync(kit, later));
        await using (var scope = kit.TenantScope())
        {
            var start = Domain.Scheduling.BusinessTimeZone.ToUtc("America/Toronto", new DateOnly(2026, 11, 4), new TimeOnly(14, 0)).Utc!.Value;
            var moved = await scope.ServiceProvider.GetRequiredService<BookingService>().RescheduleAsync(later, start, null, "test", TestContext.Current.CancellationToken);
            Assert.True(moved.Succeeded, moved.Message);
        }
        await kit.PlanAsync();
        Assert.Empty(await RemindersAsync(kit, later));
        Assert.Single(await kit.OutboxAsync(later), m => m.Status == OutboxStatus.Cancelled);
        await kit.AdvanceToAsync(Utc(11, 3, 8));
        await kit.PlanAsync();
        Assert.Equal([(SmsTopics.ReminderFirst, Utc(11, 3, 19))], await RemindersAsync(kit, later));

        await kit.AdvanceToAsync(Utc(11, 3, 19, 1));
        await kit.DeliverAsync();
        var texts = kit.Twilio.SentTo("+14165557012").Select(m => m.Body).ToList();
        Assert.Equal(3, texts.Count);
        Assert.StartsWith("Maple Dental Clinic : votre rendez-vous (nettoyage) est réservé pour le mar. 3 nov. à 10 h 00", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("Maple Dental Clinic : votre rendez-vous (nettoyage) est déplacé au mer. 4 nov. à 14 h 00", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("Maple Dental Clinic : rappel, votre rendez-vous (nettoyage) est le mer. 4 nov. à 14 h 00", texts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlannersRacing_WriteEachReminderOnce()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var ids = new List<Guid>();
        for (var hour = 9; hour < 15; hour++)
        {
            ids.Add(await kit.BookAsync(new DateTime(2026, 11, 3, hour, 0, 0), $"+1416555703{hour - 9}"));
        }
        // Every first reminder (Monday 14:00-19:00 UTC) is now due within the 12 h planning window.
        await kit.AdvanceToAsync(Utc(11, 2, 8));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => kit.PlanAsync(), TestContext.Current.CancellationToken)));
        await kit.PlanAsync();
        foreach (var id in ids)
        {
            var reminders = (await kit.OutboxAsync(id)).Where(m => m.Topic.StartsWith(SmsTopics.ReminderPrefix, StringComparison.Ordinal)).ToList();
            Assert.Equal(reminders.Count, reminders.Select(m => m.Topic).Distinct().Count());
            Assert.Single(reminders, m => m.Topic == SmsTopics.ReminderFirst);
        }
    }

    [Fact]
    public async Task CancelledAppointment_GetsNoReminder_BeforeOrAfterPlanning()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var planned = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), "+14165557021");
        await kit.AdvanceToAsync(Utc(11, 2, 4));
        await kit.PlanAsync();
        Assert.Single(await RemindersAsync(kit, planned));
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

        await kit.AdvanceToAsync(Utc(11, 3, 14));
        await kit.PlanAsync();
        await kit.DeliverAsync();
        foreach (var phone in new[] { "+14165557021", "+14165557022" })
        {
            var texts = kit.Twilio.SentTo(phone).Select(m => m.Body).ToList();
            Assert.DoesNotContain(texts, t => t.Contains("reminder", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.Contains("is cancelled", StringComparison.Ordinal));
        }
    }
}
