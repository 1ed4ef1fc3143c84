using StackExchange.Redis;
using VoiceFlow.Infrastructure.Sessions;
using VoiceFlow.Testing;

namespace VoiceFlow.Infrastructure.Tests.Sessions;

public sealed class CallSessionStoreTests(TestServers servers)
{
    [Fact]
    public async Task Redis_SetGetExpireRemove_Works()
    {
        var redis = await servers.RedisAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var store = new RedisCallSessionStore(connection);
        var sid = "CA" + Guid.NewGuid().ToString("N");

        Assert.Null(await store.GetAsync(sid, TestContext.Current.CancellationToken));
        await store.SetAsync(sid, "{\"step\":\"greeting\"}", TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.Equal("{\"step\":\"greeting\"}", await store.GetAsync(sid, TestContext.Current.CancellationToken));
        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync("vf:call:" + sid);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));

        await store.SetAsync(sid, "short", TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        await Task.Delay(400, TestContext.Current.CancellationToken);
        Assert.Null(await store.GetAsync(sid, TestContext.Current.CancellationToken));

        await store.SetAsync(sid, "x", TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await store.RemoveAsync(sid, TestContext.Current.CancellationToken);
        Assert.Null(await store.GetAsync(sid, TestContext.Current.CancellationToken));
        Assert.True(await store.PingAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task InMemory_ExpiresByTimeProvider()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        var store = new InMemoryCallSessionStore(time);
        await store.SetAsync("CA1", "state", TimeSpan.FromMinutes(30), TestContext.Current.CancellationToken);
        Assert.Equal("state", await store.GetAsync("CA1", TestContext.Current.CancellationToken));
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(await store.GetAsync("CA1", TestContext.Current.CancellationToken));
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
