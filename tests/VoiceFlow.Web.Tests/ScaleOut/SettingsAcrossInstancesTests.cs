using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Settings;

namespace VoiceFlow.Web.Tests.ScaleOut;

/// <summary>
/// Availability and booking read a business's setup (hours, closures, services, staff) through a cache on each
/// instance. A settings save on one instance must reach the others' caches at once (Redis pub/sub), not after the
/// cache's half minute: otherwise a caller on the other instance could book a day the owner has just closed.
/// </summary>
[Collection(TwoInstanceCollection.Name)]
public sealed class SettingsAcrossInstancesTests(TestServers servers)
{
    [Fact]
    public async Task ClosureSavedOnOneInstance_TheOtherStopsOfferingAndBookingThatDay_WellWithinTheCacheLifetime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var a = await VoiceFlowAppFactory.CreateAsync(servers, extra: TwoInstanceCollection.Quiet(("ScaleOut:Instance", "A")));
        await using var b = await VoiceFlowAppFactory.CreateAsync(servers, extra: TwoInstanceCollection.Quiet(("ConnectionStrings:Postgres", a.ConnectionString), ("ScaleOut:Instance", "B")));
        Guid businessId, cleaningId;
        await using (var db = a.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null))
        {
            businessId = await db.Businesses.IgnoreQueryFilters().Select(x => x.Id).SingleAsync(ct);
            cleaningId = await db.Services.IgnoreQueryFilters().Where(s => s.Name == "Cleaning").Select(s => s.Id).SingleAsync(ct);
        }

        // B looks for a time a few days out: it now holds the business's setup in its cache.
        var from = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3);
        var slot = Assert.Single((await FindAsync(b, businessId, cleaningId, from, from.AddDays(7), ct)).Slots);
        var day = DateOnly.FromDateTime(slot.StartUtc.AddHours(-5)); // Toronto's day of that slot (EST or EDT, both work for a daytime slot)

        // The owner closes that day on A.
        await using (var scope = TenantScope(a, businessId))
        {
            var hours = scope.ServiceProvider.GetRequiredService<HoursSettingsService>();
            var form = await hours.LoadAsync(ct);
            form.Closures.Add(new ClosureForm { From = day.ToDateTime(TimeOnly.MinValue), To = day.ToDateTime(TimeOnly.MinValue), Reason = "Flooded office" });
            Assert.True((await hours.SaveAsync(form, "test-owner", ct)).Succeeded);
        }

        // B stops offering that day well within its cache's lifetime, and refuses to book it.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await FindAsync(b, businessId, cleaningId, slot.StartUtc, slot.StartUtc.AddMinutes(1), ct)).Slots.Count > 0)
        {
            // The cache lives 30 s; a few seconds leave room for a busy test machine.
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), "Instance B still offered a day closed on instance A five seconds after the save.");
            await Task.Delay(20, ct);
        }
        await using (var scope = TenantScope(b, businessId))
        {
            var result = await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(new BookingRequest(
                cleaningId, slot.StaffMemberId, slot.StartUtc, AppointmentSource.Phone, "test:b", CustomerName: "Zoe Park",
                CustomerPhone: "+14165550177", CustomerLanguage: "en-CA"), ct);
            Assert.Equal(BookingStatus.Unavailable, result.Status);
            Assert.Equal(SlotUnavailableReason.ClosedForHoliday, result.Reason);
        }
    }

    private static async Task<AvailabilityResult> FindAsync(VoiceFlowAppFactory app, Guid businessId, Guid serviceId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        await using var scope = TenantScope(app, businessId);
        var result = await scope.ServiceProvider.GetRequiredService<BookingService>().FindSlotsAsync(serviceId, null, fromUtc, toUtc, 1, ct);
        Assert.True(result.IsSuccess, result.Error.ToString());
        return result;
    }

    private static AsyncServiceScope TenantScope(VoiceFlowAppFactory app, Guid businessId)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        return scope;
    }
}
