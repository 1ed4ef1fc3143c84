using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Messaging;

namespace VoiceFlow.Web.Tests.Messaging;

/// <summary>
/// The real app on PostgreSQL with its clock fixed at Saturday 2026-10-24 10:00 Toronto (so the seeded sample week
/// ends before the test bookings), its SMS loop off (tests run the jobs themselves) and Twilio pointed at the fake.
/// </summary>
internal sealed class SmsTestKit : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 10, 24, 14, 0, 0, TimeSpan.Zero);

    private bool _embedded;

    private SmsTestKit(VoiceFlowAppFactory factory, FakeTwilioMessaging twilio, FixedTimeProvider time)
    {
        Factory = factory;
        Twilio = twilio;
        Time = time;
    }

    public VoiceFlowAppFactory Factory { get; }
    public FakeTwilioMessaging Twilio { get; }
    public FixedTimeProvider Time { get; }
    public Guid BusinessId { get; private set; }
    public Guid CleaningId { get; private set; }
    public Guid CheckupId { get; private set; }

    public static async Task<SmsTestKit> CreateAsync(TestServers servers, bool embedded = false, bool backgroundDelivery = false)
    {
        var twilio = await FakeTwilioMessaging.StartAsync();
        var time = new FixedTimeProvider(Start);
        var settings = twilio.Settings;
        settings["Messaging:BackgroundDelivery"] = backgroundDelivery ? "true" : "false";
        settings["Messaging:PollInterval"] = "00:00:00.500";
        settings["Messaging:RecurringJobs"] = "false";
        settings["Messaging:StatusCallbackBaseUrl"] = "https://voiceflow.example.ca";
        var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded, time, settings);
        var kit = new SmsTestKit(factory, twilio, time) { _embedded = embedded };
        await using var db = kit.Db();
        kit.BusinessId = (await db.Businesses.IgnoreQueryFilters().SingleAsync()).Id;
        var services = await db.Services.IgnoreQueryFilters().ToListAsync();
        kit.CleaningId = services.Single(s => s.Name == "Cleaning").Id;
        kit.CheckupId = services.Single(s => s.Name == "Checkup").Id;
        return kit;
    }

    public VoiceFlowDbContext Db() => Factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);

    public AsyncServiceScope TenantScope()
    {
        var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(BusinessId);
        return scope;
    }

    /// <summary>Books at a Toronto wall time; returns the appointment id.</summary>
    public async Task<Guid> BookAsync(DateTime torontoLocal, string phone, string language = "en-CA", Guid? service = null)
    {
        var start = Domain.Scheduling.BusinessTimeZone.ToUtc("America/Toronto", DateOnly.FromDateTime(torontoLocal), TimeOnly.FromDateTime(torontoLocal)).Utc!.Value;
        await using var scope = TenantScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var result = await booking.BookAsync(new BookingRequest(service ?? CleaningId, null, start, AppointmentSource.Portal, "test",
            CustomerName: "Test " + phone[^4..], CustomerPhone: phone, CustomerLanguage: language));
        Assert.True(result.Status == BookingStatus.Booked, result.Code + " " + result.Message);
        return result.Appointment!.Id;
    }

    /// <summary>Moves the clock forward to <paramref name="utc"/>.</summary>
    public Task AdvanceToAsync(DateTime utc)
    {
        var by = utc - Time.GetUtcNow().UtcDateTime;
        Assert.True(by >= TimeSpan.Zero, $"The clock is already past {utc:O}");
        Time.Advance(by);
        return Task.CompletedTask;
    }

    public async Task<int> DeliverAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SmsDeliveryJob>().RunAsync();
    }

    public async Task<int> PlanAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderPlannerJob>().RunAsync();
    }

    public async Task<List<OutboxMessage>> OutboxAsync(Guid appointmentId)
    {
        await using var db = Db();
        return await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking().Where(m => m.AppointmentId == appointmentId).OrderBy(m => m.DueUtc).ToListAsync();
    }

    /// <summary>Posts an inbound SMS as Twilio would (signed unless <paramref name="signed"/> is false).</summary>
    public async Task<(HttpStatusCode Status, XDocument? Twiml)> TextAsync(HttpClient http, string from, string body, string? to = null, bool signed = true, string? sid = null)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid ?? "SM" + Guid.NewGuid().ToString("N"),
            ["AccountSid"] = "AC00000000000000000000000000000000",
            ["From"] = from,
            ["To"] = to ?? VoiceFlowAppFactory.DemoPhone,
            ["Body"] = body,
        };
        var url = new Uri(http.BaseAddress!, "/twilio/sms/incoming");
        using var request = signed
            ? TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, url, form)
            : new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? XDocument.Parse(text) : null);
    }

    public static string? Reply(XDocument? twiml) => twiml?.Root?.Element("Message")?.Value;

    public async ValueTask DisposeAsync()
    {
        var connectionString = _embedded ? null : Factory.ConnectionString;
        await Factory.DisposeAsync();
        await Twilio.DisposeAsync();
        if (connectionString is not null)
        {
            // This test's database is gone with it: give its idle connections back to the shared server now, not in 5 minutes.
            using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }
}
