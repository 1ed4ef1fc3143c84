using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Testing;
using VoiceFlow.Web.Tests.Api;

namespace VoiceFlow.Web.Tests.Security;

/// <summary>
/// Another business's records, reached by id through every API endpoint (with a bearer token and with an API key) and through
/// the portal's pages: refused as if they did not exist (404 on the API, "not found" on pages), and left unchanged.
/// </summary>
public sealed class CrossTenantTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> EveryIdEndpoint(ApiTestKit.OtherBusiness other) =>
    [
        (HttpMethod.Get, $"/api/v1/appointments/{other.AppointmentId}", null),
        (HttpMethod.Post, $"/api/v1/appointments/{other.AppointmentId}/reschedule", new { start = "2030-01-08T15:00:00Z" }),
        (HttpMethod.Post, $"/api/v1/appointments/{other.AppointmentId}/cancel", new { reason = "hijack" }),
        (HttpMethod.Post, $"/api/v1/appointments/{other.AppointmentId}/confirm", new { }),
        (HttpMethod.Post, $"/api/v1/appointments/{other.AppointmentId}/complete", new { }),
        (HttpMethod.Post, $"/api/v1/appointments/{other.AppointmentId}/no-show", new { }),
        (HttpMethod.Get, $"/api/v1/customers/{other.CustomerId}", null),
        (HttpMethod.Put, $"/api/v1/customers/{other.CustomerId}", new { name = "Hijacked", phone = "+16045559876", language = "en-CA" }),
        (HttpMethod.Put, $"/api/v1/customers/{other.CustomerId}/notes", new { notes = "hijacked" }),
        (HttpMethod.Get, $"/api/v1/calls/{other.CallId}", null),
        (HttpMethod.Get, $"/api/v1/services/{other.ServiceId}", null),
        (HttpMethod.Get, $"/api/v1/availability?serviceId={other.ServiceId}", null),
    ];

    [Fact]
    public async Task EveryApiEndpoint_AnotherBusinessesIds_Answer404_ByBearerAndByKey_AndChangeNothing()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var other = await ApiTestKit.SeedOtherBusinessAsync(factory);
        var demoId = await ApiTestKit.DemoBusinessIdAsync(factory);
        var (secret, _) = await ApiTestKit.CreateKeyAsync(factory, demoId);
        using var bearer = await ApiTestKit.BearerClientAsync(factory);
        using var keyed = ApiTestKit.KeyClient(factory, secret);

        foreach (var client in new[] { bearer, keyed })
        {
            foreach (var (method, path, body) in EveryIdEndpoint(other))
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
                var text = await response.Content.ReadAsStringAsync(Ct);
                Assert.DoesNotContain(ApiTestKit.OtherCustomerName, text, StringComparison.Ordinal);
            }

            // Lists and searches never show the other business's rows.
            foreach (var path in new[] { "/api/v1/appointments?pageSize=100", "/api/v1/customers?search=Zebulon", "/api/v1/calls?pageSize=100", "/api/v1/services" })
            {
                var text = await client.GetStringAsync(path, Ct);
                Assert.DoesNotContain(ApiTestKit.OtherCustomerName, text, StringComparison.Ordinal);
                Assert.DoesNotContain(other.AppointmentId.ToString(), text, StringComparison.Ordinal);
                Assert.DoesNotContain(other.CallId.ToString(), text, StringComparison.Ordinal);
                Assert.DoesNotContain(other.ServiceId.ToString(), text, StringComparison.Ordinal);
            }

            // Booking with the other business's service or customer is refused too, and books nothing.
            var withService = await client.PostAsJsonAsync("/api/v1/appointments",
                new { serviceId = other.ServiceId, start = "2030-01-08T18:00:00Z", customerName = "X", customerPhone = "+14165550001" }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, withService.StatusCode);
            var demoService = (await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/services", Ct)))[0].GetProperty("id").GetGuid();
            var withCustomer = await client.PostAsJsonAsync("/api/v1/appointments",
                new { serviceId = demoService, start = "2030-01-08T18:00:00Z", customerId = other.CustomerId }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, withCustomer.StatusCode);
        }

        await using var db = ApiTestKit.Database(factory);
        var appointment = await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == other.AppointmentId, Ct);
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        var customer = await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == other.CustomerId, Ct);
        Assert.Equal(ApiTestKit.OtherCustomerName, customer.Name);
        Assert.Null(customer.Notes);
        Assert.Equal(1, await db.Appointments.IgnoreQueryFilters().CountAsync(a => a.BusinessId == other.BusinessId, Ct));
        Assert.False(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.BusinessId == other.BusinessId, Ct));
    }

    [Fact]
    public async Task OtherBusinessesOwner_SeesOwnRecords_AndNotTheDemoClinics()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var other = await ApiTestKit.SeedOtherBusinessAsync(factory);
        using var otherOwner = await ApiTestKit.BearerClientAsync(factory, ApiTestKit.OtherOwnerEmail);
        // The same request that the demo clinic is refused works for the owner of the record: the 404s above are about tenancy.
        var own = await otherOwner.GetAsync($"/api/v1/customers/{other.CustomerId}", Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(ApiTestKit.OtherCustomerName, await own.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await otherOwner.GetAsync($"/api/v1/appointments/{other.AppointmentId}", Ct)).StatusCode);
        Assert.Contains("Zebulon secret transcript words", await otherOwner.GetStringAsync($"/api/v1/calls/{other.CallId}", Ct), StringComparison.Ordinal);

        var demoCustomers = await otherOwner.GetStringAsync("/api/v1/customers?pageSize=100", Ct);
        Assert.DoesNotContain("Marie Tremblay", demoCustomers, StringComparison.Ordinal);
        using var demo = await ApiTestKit.BearerClientAsync(factory);
        var demoCustomerId = (await ApiTestKit.ReadJsonAsync(await demo.GetAsync("/api/v1/customers?search=Marie", Ct))).GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await otherOwner.GetAsync($"/api/v1/customers/{demoCustomerId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Pages_AnotherBusinessesIds_ShowNotFound_AndNoneOfItsData()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var other = await ApiTestKit.SeedOtherBusinessAsync(factory);
        using var portal = await PortalClient.SignedInAsync(factory);

        using var customerResponse = await portal.GetAsync($"/customers/{other.CustomerId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, customerResponse.StatusCode);
        var customer = await customerResponse.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Page not found", customer, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTestKit.OtherCustomerName, customer, StringComparison.Ordinal);

        using var callResponse = await portal.GetAsync($"/calls/{other.CallId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, callResponse.StatusCode);
        var call = await callResponse.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Page not found", call, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebulon", call, StringComparison.Ordinal);

        var appointments = await portal.GetStringAsync($"/appointments?id={other.AppointmentId}", Ct);
        Assert.DoesNotContain(ApiTestKit.OtherCustomerName, appointments, StringComparison.Ordinal);
        Assert.DoesNotContain("Otto Stylist", appointments, StringComparison.Ordinal);
        Assert.DoesNotContain("Haircut", appointments, StringComparison.Ordinal);

        // The same pages with the other business's own owner do show the records: the checks above can fail.
        using var otherPortal = await PortalClient.SignedInAsync(factory, ApiTestKit.OtherOwnerEmail);
        Assert.Contains(ApiTestKit.OtherCustomerName, await otherPortal.GetStringAsync($"/customers/{other.CustomerId}", Ct), StringComparison.Ordinal);
        Assert.Contains("Zebulon secret transcript words", await otherPortal.GetStringAsync($"/calls/{other.CallId}", Ct), StringComparison.Ordinal);
    }
}
