using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.Api;

/// <summary>The REST API on PostgreSQL: sign-in and keys, paging, booking with idempotency, audit, problem details, OpenAPI.</summary>
public sealed class ApiTests(TestServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_GivesBearerAndRefreshTokens_RefreshGivesAWorkingNewToken()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = factory.CreateClient();
        var tokens = await ApiTestKit.LoginAsync(client, VoiceFlowAppFactory.OwnerEmail);
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.True(tokens.GetProperty("expiresIn").GetInt32() > 0);

        var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var renewed = await ApiTestKit.ReadJsonAsync(refresh);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.GetProperty("accessToken").GetString());
        var services = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, services.StatusCode);
        Assert.Contains("Cleaning", await services.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var badRefresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, badRefresh.StatusCode);
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = VoiceFlowAppFactory.OwnerEmail, password = "wrong-password" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutCredentials_OrWithThePortalCookie_Answers401ProblemDetails()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var anonymous = factory.CreateClient();
        var response = await anonymous.GetAsync("/api/v1/appointments", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        using var portal = await PortalClient.SignedInAsync(factory);
        var withCookie = await portal.GetAsync("/api/v1/appointments", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);

        using var badToken = factory.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "garbage");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badToken.GetAsync("/api/v1/appointments", Ct)).StatusCode);
    }

    [Fact]
    public async Task AuthEndpoints_RegistrationAndCookieSignIn_AreNotOffered_DeactivatedUserIsRefused()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = factory.CreateClient();
        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "intruder@example.com", password = "Intruder!234" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, register.StatusCode);
        await using (var db = ApiTestKit.Database(factory))
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email == "intruder@example.com", Ct));
        }
        var cookie = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = VoiceFlowAppFactory.OwnerEmail, password = VoiceFlowAppFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, cookie.StatusCode);
        Assert.False(cookie.Headers.Contains("Set-Cookie"));

        await using (var db = ApiTestKit.Database(factory))
        {
            var staff = await db.Users.SingleAsync(u => u.Email == VoiceFlowAppFactory.StaffEmail, Ct);
            staff.IsActive = false;
            await db.SaveChangesAsync(Ct);
        }
        var deactivated = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = VoiceFlowAppFactory.StaffEmail, password = VoiceFlowAppFactory.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, deactivated.StatusCode);
    }

    [Fact]
    public async Task ApiKey_ReadsItsBusiness_RecordsLastUse_RevokedKeyIsRefused()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var businessId = await ApiTestKit.DemoBusinessIdAsync(factory);
        var (secret, keyId) = await ApiTestKit.CreateKeyAsync(factory, businessId);
        Assert.StartsWith("vf_", secret, StringComparison.Ordinal);
        using var client = ApiTestKit.KeyClient(factory, secret);
        var customers = await client.GetAsync("/api/v1/customers", Ct);
        Assert.Equal(HttpStatusCode.OK, customers.StatusCode);
        Assert.Contains("Marie Tremblay", await customers.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await using (var db = ApiTestKit.Database(factory))
        {
            var key = await db.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == keyId, Ct);
            Assert.NotNull(key.LastUsedUtc);
            Assert.NotEqual(secret, key.SecretHash);
            Assert.DoesNotContain(secret[(secret.LastIndexOf('_') + 1)..], key.SecretHash, StringComparison.Ordinal);
            Assert.Equal(64, key.SecretHash.Length);
        }

        // One character off: refused.
        using var tampered = ApiTestKit.KeyClient(factory, secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("/api/v1/customers", Ct)).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<VoiceFlow.Infrastructure.Tenancy.CurrentTenant>().Set(businessId);
            Assert.True(await scope.ServiceProvider.GetRequiredService<VoiceFlow.Web.Features.ApiKeys.ApiKeyService>().RevokeAsync(keyId, "test-owner", Ct));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/customers", Ct)).StatusCode);
        await using (var db = ApiTestKit.Database(factory))
        {
            var actions = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == keyId).Select(a => a.Action).ToListAsync(Ct);
            Assert.Equal(["apikey.created", "apikey.revoked"], actions.Order().ToArray());
        }
    }

    [Fact]
    public async Task Lists_PageWithTotalAndNextLink_AndRefuseBadPaging()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = await ApiTestKit.BearerClientAsync(factory);
        var first = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/appointments?pageSize=3&status=Booked", Ct));
        var total = first.GetProperty("total").GetInt32();
        Assert.True(total > 3, $"the demo has more than 3 booked appointments (has {total})");
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        Assert.Contains("page=2", next, StringComparison.Ordinal);
        Assert.Contains("status=Booked", next, StringComparison.Ordinal);
        var second = await ApiTestKit.ReadJsonAsync(await client.GetAsync(next, Ct));
        var firstIds = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var secondIds = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.All(second.GetProperty("items").EnumerateArray(), i => Assert.Equal("Booked", i.GetProperty("status").GetString()));
        var item = first.GetProperty("items")[0];
        Assert.EndsWith("Z", item.GetProperty("startUtc").GetString(), StringComparison.Ordinal);
        Assert.Matches("[-+]0[45]:00$", item.GetProperty("startLocal").GetString()!);

        var last = await ApiTestKit.ReadJsonAsync(await client.GetAsync($"/api/v1/appointments?pageSize=100&status=Booked", Ct));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);

        foreach (var bad in new[] { "pageSize=101", "pageSize=0", "page=0", "page=abc", "from=2026-13-45", "status=Sleeping", "staffMemberId=not-a-guid" })
        {
            var response = await client.GetAsync("/api/v1/appointments?" + bad, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var calls = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/calls?pageSize=1", Ct));
        Assert.True(calls.GetProperty("total").GetInt32() >= 1);
        var customers = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/customers?search=tremblay", Ct));
        Assert.Equal("Marie Tremblay", customers.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.StartsWith("+1416", customers.GetProperty("items")[0].GetProperty("phone").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_WithIdempotencyKey_TwiceGivesOneAppointment_ThenRescheduleAndCancel_EachAuditedAsTheKey()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var businessId = await ApiTestKit.DemoBusinessIdAsync(factory);
        var (secret, keyId) = await ApiTestKit.CreateKeyAsync(factory, businessId);
        using var client = ApiTestKit.KeyClient(factory, secret);
        var services = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/services", Ct));
        var checkup = services.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Checkup").GetProperty("id").GetGuid();
        var slots = await ApiTestKit.ReadJsonAsync(await client.GetAsync($"/api/v1/availability?serviceId={checkup}&max=5", Ct));
        Assert.True(slots.GetArrayLength() >= 2);
        var slot = slots[0];
        Assert.EndsWith("Z", slot.GetProperty("startUtc").GetString(), StringComparison.Ordinal);

        var body = new { serviceId = checkup, start = slot.GetProperty("startUtc").GetString(), customerName = "Api Person", customerPhone = "+14165557777", notes = "via API" };
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        first.Headers.Add("Idempotency-Key", "order-42");
        var created = await client.SendAsync(first, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var appointment = await ApiTestKit.ReadJsonAsync(created);
        var id = appointment.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/appointments/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Api", appointment.GetProperty("source").GetString());

        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        again.Headers.Add("Idempotency-Key", "order-42");
        var repeated = await client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(id, (await ApiTestKit.ReadJsonAsync(repeated)).GetProperty("id").GetGuid());

        // The same time without the key: taken, with alternatives.
        var taken = await client.PostAsJsonAsync("/api/v1/appointments", body with { customerPhone = "+14165558888", customerName = "Someone Else" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var problem = await ApiTestKit.ReadJsonAsync(taken);
        Assert.StartsWith("slot.", problem.GetProperty("code").GetString(), StringComparison.Ordinal);

        var moved = await client.PostAsJsonAsync($"/api/v1/appointments/{id}/reschedule", new { start = slots[1].GetProperty("startUtc").GetString() }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(slots[1].GetProperty("startUtc").GetString(), (await ApiTestKit.ReadJsonAsync(moved)).GetProperty("startUtc").GetString());
        var cancelled = await client.PostAsJsonAsync($"/api/v1/appointments/{id}/cancel", new { reason = "customer asked" }, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await ApiTestKit.ReadJsonAsync(cancelled)).GetProperty("status").GetString());
        var twice = await client.PostAsJsonAsync($"/api/v1/appointments/{id}/complete", new { }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        await using var db = ApiTestKit.Database(factory);
        Assert.Equal(1, await db.Appointments.IgnoreQueryFilters().CountAsync(a => a.IdempotencyKey == "api:order-42", Ct));
        var audit = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == id).OrderBy(a => a.AtUtc).ToListAsync(Ct);
        Assert.Equal(["appointment.booked", "appointment.rescheduled", "appointment.cancelled"], audit.Select(a => a.Action).ToArray());
        Assert.All(audit, a => Assert.Equal("api:" + keyId, a.Actor));
        Assert.Null(audit[0].Before);
        Assert.Contains("Booked", audit[2].Before!, StringComparison.Ordinal);
        Assert.Contains("Cancelled", audit[2].After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_BadInput_AnswersValidationProblems_AndStoresNothing()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = await ApiTestKit.BearerClientAsync(factory);
        int before;
        await using (var db = ApiTestKit.Database(factory))
        {
            before = await db.Appointments.IgnoreQueryFilters().CountAsync(Ct);
        }
        var missing = await client.PostAsJsonAsync("/api/v1/appointments", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await ApiTestKit.ReadJsonAsync(missing)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("serviceId", out _));
        Assert.True(errors.TryGetProperty("start", out _));

        var badJson = await client.PostAsync("/api/v1/appointments", new StringContent("{\"serviceId\": ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal("application/problem+json", badJson.Content.Headers.ContentType?.MediaType);

        var unknownService = await client.PostAsJsonAsync("/api/v1/appointments",
            new { serviceId = Guid.NewGuid(), start = "2030-01-07T15:00:00Z", customerName = "X", customerPhone = "+14165550000" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknownService.StatusCode);
        var badPhone = await client.PostAsJsonAsync("/api/v1/appointments",
            new { serviceId = Guid.NewGuid(), start = "2030-01-07T15:00:00Z", customerName = "X", customerPhone = "call me maybe" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal("phone.invalid", (await ApiTestKit.ReadJsonAsync(badPhone)).GetProperty("code").GetString());

        await using (var db = ApiTestKit.Database(factory))
        {
            Assert.Equal(before, await db.Appointments.IgnoreQueryFilters().CountAsync(Ct));
        }
    }

    [Fact]
    public async Task UpdateCustomer_SavesAndAuditsAsTheUser_BadPhoneIsAValidationProblem()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = await ApiTestKit.BearerClientAsync(factory);
        var list = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/customers?search=Liam", Ct));
        var customer = list.GetProperty("items")[0];
        var id = customer.GetProperty("id").GetGuid();

        var bad = await client.PutAsJsonAsync($"/api/v1/customers/{id}", new { name = "Liam Roy", phone = "12", language = "en-CA" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await ApiTestKit.ReadJsonAsync(bad)).GetProperty("errors").TryGetProperty("phone", out _));

        var saved = await client.PutAsJsonAsync($"/api/v1/customers/{id}",
            new { name = "Liam Roy-Martin", phone = customer.GetProperty("phone").GetString(), email = "liam@example.com", language = "fr-CA", smsOptedOut = false }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var detail = await ApiTestKit.ReadJsonAsync(saved);
        Assert.Equal("Liam Roy-Martin", detail.GetProperty("name").GetString());
        Assert.Equal("fr-CA", detail.GetProperty("language").GetString());
        var notes = await client.PutAsJsonAsync($"/api/v1/customers/{id}/notes", new { notes = "Prefers mornings" }, Ct);
        Assert.Equal("Prefers mornings", (await ApiTestKit.ReadJsonAsync(notes)).GetProperty("notes").GetString());

        await using var db = ApiTestKit.Database(factory);
        var ownerId = await db.Users.Where(u => u.Email == VoiceFlowAppFactory.OwnerEmail).Select(u => u.Id).SingleAsync(Ct);
        var audit = await db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == id).OrderBy(a => a.AtUtc).ToListAsync(Ct);
        Assert.Equal(["customer.updated", "customer.notes_changed"], audit.Select(a => a.Action).ToArray());
        Assert.All(audit, a => Assert.Equal("user:" + ownerId, a.Actor));
        Assert.Contains("Liam Roy", audit[0].Before!, StringComparison.Ordinal);
        Assert.Contains("Liam Roy-Martin", audit[0].After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallDetail_HasTranscript_AvailabilityValidates()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = await ApiTestKit.BearerClientAsync(factory, VoiceFlowAppFactory.StaffEmail);
        var calls = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/calls", Ct));
        var callId = calls.GetProperty("items")[0].GetProperty("id").GetGuid();
        var detail = await ApiTestKit.ReadJsonAsync(await client.GetAsync($"/api/v1/calls/{callId}", Ct));
        Assert.True(detail.GetProperty("transcript").GetArrayLength() >= 2);
        Assert.Equal(callId, detail.GetProperty("call").GetProperty("id").GetGuid());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/availability", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/availability?serviceId={Guid.NewGuid()}", Ct)).StatusCode);
        var services = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/services", Ct));
        var serviceId = services[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/availability?serviceId={serviceId}&from=2030-01-10T00:00:00Z&to=2030-01-01T00:00:00Z", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/services/{serviceId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEndpointsAndBothSecuritySchemes_DocsAreServed()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = factory.CreateClient();
        var document = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/openapi/v1.json", Ct));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/appointments", "/api/v1/appointments/{id}/reschedule", "/api/v1/availability", "/api/v1/customers/{id}", "/api/v1/calls/{id}", "/api/v1/services", "/api/v1/auth/login", "/api/v1/auth/refresh" })
        {
            Assert.Contains(path, paths);
        }
        Assert.DoesNotContain("/api/v1/auth/register", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/api/", StringComparison.Ordinal));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());

        var docs = await client.GetAsync("/docs/", Ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var html = await docs.Content.ReadAsStringAsync(Ct);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsApiKeysTab_IsOfferedToOwners_NeverShowsASecret_StaffAreRefused()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var (secret, _) = await ApiTestKit.CreateKeyAsync(factory, await ApiTestKit.DemoBusinessIdAsync(factory), "Website booking widget");
        using var owner = await PortalClient.SignedInAsync(factory);
        var html = await owner.GetStringAsync("/settings?tab=api-keys", Ct);
        Assert.Contains("API keys", html, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);

        using var staff = await PortalClient.SignedInAsync(factory, VoiceFlowAppFactory.StaffEmail);
        var refused = await staff.GetAsync("/settings?tab=api-keys", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}
