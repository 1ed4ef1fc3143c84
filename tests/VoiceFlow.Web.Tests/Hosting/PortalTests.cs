using System.Net;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.Hosting;

/// <summary>The app on PostgreSQL and Redis: health, readiness, sign-in, roles.</summary>
public sealed class PortalTests(TestServers servers)
{
    [Fact]
    public async Task HealthAndReadiness_OnPostgresAndRedis_AreOk()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = factory.CreateClient();
        Assert.Equal("ok", await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\":\"ok\"", body, StringComparison.Ordinal);
        Assert.Contains("\"sessions\":\"ok\"", body, StringComparison.Ordinal);
        Assert.Contains("\"jobs\":\"ok\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_Anonymous_RedirectsToLogin()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = PortalClient.Anonymous(factory);
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_DemoOwner_SeesDashboardWithSeededBusiness()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = await PortalClient.SignedInAsync(factory);
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Maple Dental Clinic", html, StringComparison.Ordinal);
        Assert.Contains("Appointments today", html, StringComparison.Ordinal);
        Assert.Contains("Dr. Sarah Chen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsMessageAndStaysOnLogin()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = PortalClient.Anonymous(factory);
        var response = await PortalClient.SignInAsync(client, VoiceFlowAppFactory.OwnerEmail, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("That email and password don&#x27;t match", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_MalformedEmail_ShowsMessageBesideTheField()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = PortalClient.Anonymous(factory);
        var response = await PortalClient.SignInAsync(client, "not an email", "x");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a valid email address.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_AsStaff_IsRefused_AsOwner_IsShown()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var staff = await PortalClient.SignedInAsync(factory, VoiceFlowAppFactory.StaffEmail);
        var refused = await staff.GetAsync("/settings", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/settings\"", await staff.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var owner = await PortalClient.SignedInAsync(factory);
        var shown = await owner.GetStringAsync("/settings", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("access-denied", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_InFrench_UsesFrenchStrings()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var client = await PortalClient.SignedInAsync(factory);
        await client.GetAsync("/culture/set?culture=fr-CA&redirectUri=/", TestContext.Current.CancellationToken);
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Tableau de bord", html, StringComparison.Ordinal);
        Assert.Contains("Rendez-vous aujourd&#x27;hui", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_IsChosenPerUser_AndFollowsThemToAnotherDevice()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using (var laptop = await PortalClient.SignedInAsync(factory, VoiceFlowAppFactory.StaffEmail))
        {
            await laptop.GetAsync("/culture/set?culture=fr-CA&redirectUri=/", TestContext.Current.CancellationToken);
        }
        // A new device with no cookie: the staff member's French comes back at sign-in; the owner stays in English.
        using var tablet = await PortalClient.SignedInAsync(factory, VoiceFlowAppFactory.StaffEmail);
        Assert.Contains("Tableau de bord", await tablet.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var owner = await PortalClient.SignedInAsync(factory);
        Assert.Contains("Dashboard", await owner.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
