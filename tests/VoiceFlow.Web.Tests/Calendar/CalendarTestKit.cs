using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.CalendarSync;

namespace VoiceFlow.Web.Tests.Calendar;

/// <summary>
/// The real app on PostgreSQL, its clock fixed at Saturday 2026-10-24 10:00 Toronto (a week before DST ends), Google
/// pointed at the fake, the background loops off (tests run the jobs) and quick in-request retries.
/// </summary>
internal sealed class CalendarTestKit : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 10, 24, 14, 0, 0, TimeSpan.Zero);
    public const string Zone = "America/Toronto";

    private CalendarTestKit(VoiceFlowAppFactory factory, FakeGoogleCalendar google, FixedTimeProvider time)
    {
        Factory = factory;
        Google = google;
        Time = time;
    }

    public VoiceFlowAppFactory Factory { get; }
    public FakeGoogleCalendar Google { get; }
    public FixedTimeProvider Time { get; }
    public Guid BusinessId { get; private set; }
    public Guid CleaningId { get; private set; }
    public Guid ChenId { get; private set; }
    public Guid GagnonId { get; private set; }
    public string Primary => Google.AccountEmail;

    public static async Task<CalendarTestKit> CreateAsync(TestServers servers, IDictionary<string, string?>? extra = null)
    {
        var google = await FakeGoogleCalendar.StartAsync();
        var time = new FixedTimeProvider(Start);
        google.Clock = time;
        var settings = google.Settings;
        settings["CalendarSync:BackgroundDelivery"] = "false";
        settings["CalendarSync:RecurringJobs"] = "false";
        settings["Messaging:BackgroundDelivery"] = "false";
        settings["Messaging:RecurringJobs"] = "false";
        settings["Google:HttpRetries"] = "1";
        settings["Google:HttpRetryDelay"] = "00:00:00.010";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: false, time, settings);
        var kit = new CalendarTestKit(factory, google, time);
        await using var db = kit.Db();
        kit.BusinessId = (await db.Businesses.IgnoreQueryFilters().SingleAsync()).Id;
        kit.CleaningId = (await db.Services.IgnoreQueryFilters().SingleAsync(s => s.Name == "Cleaning")).Id;
        var staff = await db.StaffMembers.IgnoreQueryFilters().ToListAsync();
        kit.ChenId = staff.Single(s => s.Name.Contains("Chen", StringComparison.Ordinal)).Id;
        kit.GagnonId = staff.Single(s => s.Name.Contains("Gagnon", StringComparison.Ordinal)).Id;
        return kit;
    }

    public VoiceFlowDbContext Db() => Factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);

    public AsyncServiceScope TenantScope()
    {
        var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(BusinessId);
        return scope;
    }

    /// <summary>The owner's browser, as plain HTTP: Settings -> Google consent -> Allow -> back to VoiceFlow. Returns where it landed.</summary>
    public async Task<string> ConnectThroughBrowserAsync()
    {
        using var portal = await PortalClient.SignedInAsync(Factory);
        using var start = await portal.GetAsync("/calendar/google/connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var consent = start.Headers.Location!;
        Assert.StartsWith(Google.BaseUrl.ToString(), consent.ToString(), StringComparison.Ordinal);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(consent);
        Assert.Contains("VoiceFlow wants to access your Google Account", page, StringComparison.Ordinal);
        using var allow = await browser.GetAsync(new Uri(Google.BaseUrl, "/o/oauth2/approve" + consent.Query));
        Assert.Equal(HttpStatusCode.Redirect, allow.StatusCode);
        var callback = allow.Headers.Location!;
        using var back = await portal.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return back.Headers.Location!.ToString();
    }

    public async Task<CalendarConnection> ConnectionAsync()
    {
        await using var db = Db();
        return await db.CalendarConnections.IgnoreQueryFilters().AsNoTracking().OrderByDescending(c => c.ConnectedUtc).FirstAsync();
    }

    public async Task MapAsync(Guid staffId, string calendarId)
    {
        var connection = await ConnectionAsync();
        await using var scope = TenantScope();
        await scope.ServiceProvider.GetRequiredService<CalendarConnectionService>()
            .SaveMappingsAsync(connection.Id, new Dictionary<Guid, string?> { [staffId] = calendarId }, "test");
    }

    public async Task ConnectAndMapAsync()
    {
        Assert.Equal("/settings?tab=calendar&calendar=connected", await ConnectThroughBrowserAsync());
        await MapAsync(ChenId, Primary);
    }

    public static DateTime Utc(int month, int day, int hour, int minute = 0) =>
        Domain.Scheduling.BusinessTimeZone.ToUtc(Zone, new DateOnly(2026, month, day), new TimeOnly(hour, minute)).Utc!.Value;

    /// <summary>Books a Cleaning with Dr. Chen at a Toronto wall time; returns the appointment id.</summary>
    public async Task<Guid> BookAsync(int month, int day, int hour, string phone = "+14165550123", Guid? staff = null)
    {
        await using var scope = TenantScope();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>();
        var result = await booking.BookAsync(new BookingRequest(CleaningId, staff ?? ChenId, Utc(month, day, hour), AppointmentSource.Portal, "test",
            CustomerName: "Test " + phone[^4..], CustomerPhone: phone, CustomerLanguage: "en-CA"));
        Assert.True(result.Status == BookingStatus.Booked, result.Code + " " + result.Message);
        return result.Appointment!.Id;
    }

    public async Task RescheduleAsync(Guid id, DateTime startUtc)
    {
        await using var scope = TenantScope();
        var result = await scope.ServiceProvider.GetRequiredService<BookingService>().RescheduleAsync(id, startUtc, null, "test");
        Assert.True(result.Succeeded, result.Code + " " + result.Message);
    }

    public async Task CancelAsync(Guid id)
    {
        await using var scope = TenantScope();
        var result = await scope.ServiceProvider.GetRequiredService<BookingService>().CancelAsync(id, "test", "test");
        Assert.True(result.Succeeded, result.Code + " " + result.Message);
    }

    public async Task<int> PushAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CalendarPushJob>().RunAsync();
    }

    public async Task SyncAsync()
    {
        var connection = await ConnectionAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CalendarSyncJob>().SyncConnectionAsync(connection.Id);
    }

    public async Task<Appointment> AppointmentAsync(Guid id)
    {
        await using var db = Db();
        return await db.Appointments.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<List<OutboxMessage>> OutboxAsync(Guid appointmentId, OutboxKind kind)
    {
        await using var db = Db();
        return await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking().Where(m => m.AppointmentId == appointmentId && m.Kind == kind)
            .OrderBy(m => m.CreatedUtc).ToListAsync();
    }

    /// <summary>Calendar pushes not yet done, as "topic: last error" lines (empty: all delivered).</summary>
    public async Task<List<string>> PendingPushesAsync()
    {
        await using var db = Db();
        return await db.OutboxMessages.IgnoreQueryFilters().Where(m => m.Kind == OutboxKind.CalendarPush && m.Status == OutboxStatus.Pending)
            .Select(m => m.Topic + ": " + (m.LastError ?? "(never tried)")).ToListAsync();
    }

    /// <summary>Every VoiceFlow event in the calendar belongs to a different appointment and was inserted once.</summary>
    public void AssertNoDuplicates(string? calendarId = null)
    {
        var ours = Google.Events(calendarId ?? Primary).Where(e => e.AppointmentId is not null).ToList();
        Assert.Equal(ours.Count, ours.Select(e => e.AppointmentId).Distinct().Count());
        Assert.All(ours, e => Assert.Equal(1, Google.InsertsOf(e.Id)));
    }

    public FakeGoogleEvent EventOf(Guid appointmentId, string? calendarId = null) =>
        Assert.Single(Google.Events(calendarId ?? Primary), e => e.AppointmentId == appointmentId.ToString());

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Google.DisposeAsync();
    }
}
