using System.Net;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Tests.Messaging;

/// <summary>The outbox sender against the fake Twilio: exactly once under races, outages, rate limits and opt-outs.</summary>
public sealed class SmsDeliveryTests(TestServers servers)
{
    private static string Phone(int i) => $"+1416555{8000 + i:D4}";

    private static async Task<List<Guid>> BookManyAsync(SmsTestKit kit, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await kit.BookAsync(new DateTime(2026, 11, 3 + (i / 6), 9 + (i % 6), 0, 0), Phone(i)));
        }
        return ids;
    }

    [Fact]
    public async Task FourRunsRacing_SendEachMessageOnce()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var ids = await BookManyAsync(kit, 8);
        kit.Twilio.Latency = TimeSpan.FromMilliseconds(100);

        var claimed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => kit.DeliverAsync(), TestContext.Current.CancellationToken)));
        await kit.DeliverAsync();

        Assert.Equal(8, claimed.Sum());
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Single(kit.Twilio.SentTo(Phone(i)));
            var row = Assert.Single(await kit.OutboxAsync(ids[i]));
            Assert.Equal(OutboxStatus.Sent, row.Status);
            Assert.Equal(kit.Twilio.SentTo(Phone(i))[0].Sid, row.ExternalId);
            Assert.Equal(new Uri($"https://voiceflow.example.ca/twilio/sms/status?outboxId={row.Id:N}"), new Uri(kit.Twilio.SentTo(Phone(i))[0].StatusCallback!));
        }
    }

    [Fact]
    public async Task RateLimited_HonoursRetryAfter_ThenTwilioDownForAnHour_ThenBack_DeliversEverythingOnce()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        kit.Twilio.Fail(HttpStatusCode.TooManyRequests, count: 1, retryAfter: TimeSpan.FromSeconds(120));
        var ids = await BookManyAsync(kit, 3);
        var limitedAt = kit.Time.GetUtcNow().UtcDateTime;
        await kit.DeliverAsync();
        var limited = (await kit.OutboxAsync(ids[0])).Concat(await kit.OutboxAsync(ids[1])).Concat(await kit.OutboxAsync(ids[2]))
            .Single(r => r.LastError?.Contains("429", StringComparison.Ordinal) == true);
        Assert.Equal((OutboxStatus.Pending, limitedAt.AddSeconds(120)), (limited.Status, limited.NextAttemptUtc));
        Assert.Equal(2, kit.Twilio.Received.Count);

        kit.Twilio.Fail(HttpStatusCode.InternalServerError);
        var more = await kit.BookAsync(new DateTime(2026, 11, 6, 10, 0, 0), Phone(3));
        ids.Add(more);
        var outageEnds = kit.Time.GetUtcNow().AddHours(1);
        while (kit.Time.GetUtcNow() < outageEnds)
        {
            await kit.DeliverAsync();
            kit.Time.Advance(TimeSpan.FromMinutes(2));
        }
        Assert.Equal(2, kit.Twilio.Received.Count);
        foreach (var id in new[] { limited.AppointmentId!.Value, more })
        {
            var row = Assert.Single(await kit.OutboxAsync(id));
            Assert.Equal(OutboxStatus.Pending, row.Status);
            Assert.True(row.Attempts >= 5, $"{row.Attempts} attempts");
        }

        kit.Twilio.Recover();
        for (var i = 0; i < 40 && kit.Twilio.Received.Count < 4; i++)
        {
            kit.Time.Advance(TimeSpan.FromMinutes(5));
            await kit.DeliverAsync();
        }
        await kit.DeliverAsync();
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Single(kit.Twilio.SentTo(Phone(i)));
            Assert.Equal(OutboxStatus.Sent, Assert.Single(await kit.OutboxAsync(ids[i])).Status);
        }
    }

    [Fact]
    public async Task BackgroundLoop_SendsTheConfirmationWithinSeconds_OnPostgresAndSqlite()
    {
        foreach (var embedded in new[] { false, true })
        {
            await using var kit = await SmsTestKit.CreateAsync(servers, embedded, backgroundDelivery: true);
            var id = await kit.BookAsync(new DateTime(2026, 11, 3, 10, 0, 0), Phone(0));
            for (var i = 0; i < 100 && kit.Twilio.SentTo(Phone(0)).Count == 0; i++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            Assert.Single(kit.Twilio.SentTo(Phone(0)));
            await kit.DeliverAsync();
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            Assert.Single(kit.Twilio.SentTo(Phone(0)));
            Assert.Equal(OutboxStatus.Sent, Assert.Single(await kit.OutboxAsync(id)).Status);
        }
    }

    [Fact]
    public async Task Unsubscribed21610_OptsTheCustomerOut_AndNothingMoreIsSent()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        kit.Twilio.Unsubscribe(Phone(0));
        var id = (await BookManyAsync(kit, 1))[0];
        await kit.DeliverAsync();
        var row = Assert.Single(await kit.OutboxAsync(id));
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Contains("opted out", row.LastError, StringComparison.Ordinal);
        await using (var db = kit.Db())
        {
            Assert.True((await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Phone == Phone(0), TestContext.Current.CancellationToken)).SmsOptedOut);
        }
        await kit.PlanAsync();
        kit.Time.Advance(TimeSpan.FromDays(10));
        await kit.DeliverAsync();
        Assert.Empty(kit.Twilio.SentTo(Phone(0)));
    }

    [Fact]
    public async Task StatusCallback_RecordsDelivery_FailedShowsForStaff_AndClosesARowWhoseSendWasNeverRecorded()
    {
        await using var kit = await SmsTestKit.CreateAsync(servers);
        var ids = await BookManyAsync(kit, 2);
        using var http = kit.Factory.CreateClient();
        await kit.DeliverAsync();
        var first = Assert.Single(await kit.OutboxAsync(ids[0]));
        var second = Assert.Single(await kit.OutboxAsync(ids[1]));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, first.ExternalId!, "delivered", first.Id));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, second.ExternalId!, "undelivered", second.Id));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, second.ExternalId!, "delivered", second.Id, signed: false));
        Assert.Equal("delivered", Assert.Single(await kit.OutboxAsync(ids[0])).ExternalStatus);
        var failed = Assert.Single(await kit.OutboxAsync(ids[1]));
        Assert.Equal((OutboxStatus.Failed, "undelivered"), (failed.Status, failed.ExternalStatus));

        // A send Twilio accepted but whose result was never saved (the process died): the callback closes it.
        var third = await kit.BookAsync(new DateTime(2026, 11, 5, 10, 0, 0), Phone(9));
        var row = Assert.Single(await kit.OutboxAsync(third));
        await using (var db = kit.Db())
        {
            var until = kit.Time.GetUtcNow().UtcDateTime.AddMinutes(5);
            await db.OutboxMessages.IgnoreQueryFilters().Where(m => m.Id == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntilUtc, until), TestContext.Current.CancellationToken);
        }
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "SMcrashed", "sent", row.Id));
        kit.Time.Advance(TimeSpan.FromMinutes(10));
        await kit.DeliverAsync();
        Assert.Empty(kit.Twilio.SentTo(Phone(9)));
        var closed = Assert.Single(await kit.OutboxAsync(third));
        Assert.Equal((OutboxStatus.Sent, "SMcrashed", "sent"), (closed.Status, closed.ExternalId, closed.ExternalStatus));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "SMunknown", "delivered", null));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string sid, string status, Guid? outboxId, bool signed = true)
    {
        var form = new Dictionary<string, string> { ["MessageSid"] = sid, ["MessageStatus"] = status, ["AccountSid"] = "AC00000000000000000000000000000000" };
        var url = new Uri(http.BaseAddress!, outboxId is null ? "/twilio/sms/status" : $"/twilio/sms/status?outboxId={outboxId:N}");
        using var request = signed
            ? TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, url, form)
            : new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
