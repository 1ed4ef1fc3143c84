using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.ApiKeys;

namespace VoiceFlow.Web.Tests.Api;

/// <summary>Helpers for API tests: tokens, keys, a second business with its own records.</summary>
internal static class ApiTestKit
{
    public const string OtherOwnerEmail = "owner@other.example";
    public const string OtherCustomerName = "Zebulon Otherbusiness";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Guid> DemoBusinessIdAsync(VoiceFlowAppFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        return await db.BusinessPhoneNumbers.IgnoreQueryFilters().Where(p => p.Number == VoiceFlowAppFactory.DemoPhone).Select(p => p.BusinessId).SingleAsync();
    }

    public static VoiceFlowDbContext Database(VoiceFlowAppFactory factory) =>
        factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);

    public static async Task<(string Secret, Guid KeyId)> CreateKeyAsync(VoiceFlowAppFactory factory, Guid businessId, string name = "Test integration")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(businessId);
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(name, "test-owner");
        Assert.True(created.Succeeded, created.Error);
        return (created.Secret!, created.Key!.Id);
    }

    public static HttpClient KeyClient(VoiceFlowAppFactory factory, string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        return client;
    }

    public static async Task<JsonElement> LoginAsync(HttpClient client, string email, string password = VoiceFlowAppFactory.Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpClient> BearerClientAsync(VoiceFlowAppFactory factory, string email = VoiceFlowAppFactory.OwnerEmail)
    {
        var client = factory.CreateClient();
        var tokens = await LoginAsync(client, email);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Ids of another business's records.</summary>
    public sealed record OtherBusiness(Guid BusinessId, Guid ServiceId, Guid StaffMemberId, Guid CustomerId, Guid AppointmentId, Guid CallId);

    /// <summary>A second business (with an owner who can sign in) and one of each record, none of which the demo clinic may reach.</summary>
    public static async Task<OtherBusiness> SeedOtherBusinessAsync(VoiceFlowAppFactory factory)
    {
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = Database(factory);
        var business = new Business("Other Salon", "America/Vancouver", Language.English);
        business.AddPhoneNumber("+16045550123");
        db.Businesses.Add(business);
        var service = new Service(business.Id, "Haircut", TimeSpan.FromMinutes(30), 40m);
        db.Services.Add(service);
        var staff = new StaffMember(business.Id, "Otto Stylist");
        db.StaffMembers.Add(staff);
        var customer = new Customer(business.Id, OtherCustomerName, PhoneNumber.Parse("+16045559876"), Language.English, now.AddDays(-3));
        db.Customers.Add(customer);
        var start = new DateTime(now.Year, now.Month, now.Day, 18, 0, 0, DateTimeKind.Utc).AddDays(3);
        var appointment = Appointment.Book(business.Id, customer.Id, service.Id, staff.Id, start, start.AddMinutes(30), AppointmentSource.Portal, now, notes: "other business notes");
        db.Appointments.Add(appointment);
        var call = new Call(business.Id, "CA" + Guid.NewGuid().ToString("N"), customer.Phone, "+16045550123", Language.English, now.AddHours(-1));
        call.LinkCustomer(customer.Id);
        db.Calls.Add(call);
        db.CallTurns.Add(call.AddTurn(Speaker.Caller, "Zebulon secret transcript words", 0.9, now.AddHours(-1).AddSeconds(5)));
        await db.SaveChangesAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var owner = new ApplicationUser { UserName = OtherOwnerEmail, Email = OtherOwnerEmail, EmailConfirmed = true, BusinessId = business.Id, DisplayName = "Other Owner" };
        var result = await users.CreateAsync(owner, VoiceFlowAppFactory.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(owner, Roles.Owner);
        return new OtherBusiness(business.Id, service.Id, staff.Id, customer.Id, appointment.Id, call.Id);
    }
}
