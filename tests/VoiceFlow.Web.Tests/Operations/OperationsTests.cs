using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceFlow.Testing;
using VoiceFlow.Web.Features.Operations;

namespace VoiceFlow.Web.Tests.Operations;

/// <summary>The platform's own health on PostgreSQL and Redis: metrics endpoint, webhook timings, admin data and access.</summary>
public sealed class OperationsTests(TestServers servers)
{
    [Fact]
    public async Task Webhooks_AreTimed_ExportedOnMetrics_AndShownToAdmins()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var anonymous = PortalClient.Anonymous(factory);
        // An unsigned webhook is refused, and still timed.
        var refused = await anonymous.PostAsync("/twilio/voice/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = "CAx" }), ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var metrics = await anonymous.GetStringAsync("/metrics", ct);
        Assert.Contains("voiceflow_webhook_duration", metrics, StringComparison.Ordinal);
        Assert.Contains("route=\"voice\"", metrics, StringComparison.Ordinal);

        // An error logged inside a CallSid scope is kept with its CallSid.
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VoiceFlow.Voice");
        using (logger.BeginScope(new Dictionary<string, object> { ["CallSid"] = "CAerror0001" }))
        {
            logger.LogError("Voice step failed for a test");
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var status = await scope.ServiceProvider.GetRequiredService<OperationsService>().LoadAsync(ct);
        Assert.True(status.WebhookSummary.Count >= 1);
        Assert.All(status.Dependencies, d => Assert.True(d.Healthy, d.Name + ": " + d.Detail));
        Assert.Contains(status.Dependencies, d => d.Kind == "Postgres");
        Assert.Contains(status.Dependencies, d => d.Kind == "Redis");
        var clinic = Assert.Single(status.Businesses);
        Assert.Equal("Maple Dental Clinic", clinic.Name);
        Assert.True(clinic.Calls7Days > 0);
        Assert.Contains(status.Errors, e => e.CallSid == "CAerror0001" && e.Message.Contains("test", StringComparison.Ordinal));
        Assert.Null(status.Jobs.Error);
    }

    [Fact]
    public async Task AdminPage_DemoAdminMayOpenIt_StaffMayNot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        using var admin = await PortalClient.SignedInAsync(factory);
        var page = await admin.GetAsync("/admin", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Admin", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var staff = await PortalClient.SignedInAsync(factory, VoiceFlowAppFactory.StaffEmail);
        var denied = await staff.GetAsync("/admin", ct);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}
