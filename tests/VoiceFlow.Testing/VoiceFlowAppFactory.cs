using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VoiceFlow.Testing;

/// <summary>
/// The real app on a fresh PostgreSQL database and the shared Redis, with the demo business seeded.
/// <see cref="StartKestrel"/> serves it on a real loopback port for browsers and load tools.
/// </summary>
public sealed class VoiceFlowAppFactory : WebApplicationFactory<Program>
{
    public const string TwilioAuthToken = "test-auth-token-0123456789abcdef";
    public const string DemoPhone = "+15555550100";
    public const string OwnerEmail = "owner@demo.voiceflow.local";
    public const string StaffEmail = "staff@demo.voiceflow.local";
    public const string Password = "Demo!2345";

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    static VoiceFlowAppFactory()
    {
        // One test process hosts a dozen apps at once, each with its Hangfire servers, Redis and Npgsql loops: far more
        // than one production instance, whose own thread pool keeps its default minimum (see Program.cs). Without a
        // higher floor here the pool grows a thread at a time and the two-instance test's jobs wait for it.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }

    private VoiceFlowAppFactory(Dictionary<string, string?> settings, TimeProvider? time)
    {
        _settings = settings;
        _time = time;
    }

    public string ConnectionString => _settings["ConnectionStrings:Postgres"] ?? _settings["ConnectionStrings:Sqlite"] ?? "";

    /// <summary>Postgres + Redis (the production shape) unless <paramref name="embedded"/> asks for SQLite + memory.</summary>
    public static async Task<VoiceFlowAppFactory> CreateAsync(TestServers servers, bool embedded = false, TimeProvider? time = null,
        IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "AC00000000000000000000000000000000",
            ["Twilio:AuthToken"] = TwilioAuthToken,
            // Nothing leaves the machine: unless a test points it at the fake Twilio, SMS delivery meets a closed port.
            ["Twilio:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Demo:Enabled"] = "true",
            ["Demo:PhoneNumber"] = DemoPhone,
            ["Demo:AdminEmail"] = OwnerEmail,
            ["Demo:AdminPassword"] = Password,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (embedded)
        {
            settings["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"vf-web-{Guid.NewGuid():N}.db")}";
        }
        else
        {
            var postgres = await servers.PostgresAsync();
            var redis = await servers.RedisAsync();
            // Generous waits: the whole suite shares two cores, and some tests race fifty bookings on purpose.
            settings["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync("web") + ";Timeout=60;Command Timeout=60;Connection Idle Lifetime=10;Connection Pruning Interval=2";
            settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new VoiceFlowAppFactory(settings, time);
    }

    /// <summary>Serve on a real loopback port (for Chromium); returns the base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Stops the app, then closes its idle database connections so many test apps fit in one PostgreSQL.</summary>
    public override async ValueTask DisposeAsync()
    {
        string[] connectionStrings = [];
        try
        {
            var holder = Services.GetService<VoiceFlow.Infrastructure.Persistence.DatabaseOptionsHolder>();
            connectionStrings = holder?.Provider == VoiceFlow.Infrastructure.Persistence.DatabaseProvider.Postgres
                ? [holder.ConnectionString, holder.DirectConnectionString]
                : [];
        }
        catch (ObjectDisposedException)
        {
        }
        catch (InvalidOperationException)
        {
        }
        try
        {
            await base.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out while Hangfire waited for a long job (a roll-up after seeding a busy
            // history): the app is stopped either way, and the test's own assertions have already run.
        }
        foreach (var connectionString in connectionStrings)
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_time is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_time)));
        }
    }
}
