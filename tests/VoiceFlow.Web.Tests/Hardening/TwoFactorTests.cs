using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;

namespace VoiceFlow.Web.Tests.Hardening;

/// <summary>Optional TOTP two-step verification for staff, end to end over HTTP with codes computed as an authenticator app does.</summary>
public sealed partial class TwoFactorTests(TestServers servers)
{
    [Fact]
    public async Task EnableTwoFactor_ThenSignInAsksForTheCode_AcceptsRealTotpAndRecoveryCodes_RejectsWrongOnes()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, embedded: true);
        var ct = TestContext.Current.CancellationToken;
        var staff = await PortalClient.SignedInAsync(factory, VoiceFlowAppFactory.StaffEmail);

        var page = await staff.GetStringAsync("/account/security", ct);
        Assert.Contains("id=\"two-factor-status\"", page, StringComparison.Ordinal);
        var key = Key().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.True(key.Length >= 16, "no authenticator key shown");
        Assert.Contains("otpauth://totp/", page, StringComparison.Ordinal);
        Assert.Contains("secret=" + key, page, StringComparison.Ordinal);
        // The same link as a QR code to scan: a PNG drawn by the server, big enough for a phone's camera.
        var png = Convert.FromBase64String(WebUtility.HtmlDecode(Qr().Match(page).Groups[1].Value));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        Assert.True(width >= 150, $"QR code only {width} px wide");

        using var wrong = await PostFormAsync(staff, "/account/security", page, "enable", new() { ["Enable.Code"] = "000000" == Totp.Code(key, Now()) ? "111111" : "000000" }, ct);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        page = await staff.GetStringAsync("/account/security", ct);
        using var enabled = await PostFormAsync(staff, "/account/security", page, "enable", new() { ["Enable.Code"] = Totp.Code(key, Now()) }, ct);
        var enabledHtml = await enabled.Content.ReadAsStringAsync(ct);
        Assert.Contains("id=\"recovery-codes\"", enabledHtml, StringComparison.Ordinal);
        var recoveryCodes = RecoveryCode().Matches(enabledHtml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // Password alone no longer signs in: the code page follows.
        var client = PortalClient.Anonymous(factory);
        using var password = await PortalClient.SignInAsync(client, VoiceFlowAppFactory.StaffEmail, VoiceFlowAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var codePath = password.Headers.Location!.OriginalString;
        Assert.Contains("/Account/LoginWith2fa", codePath, StringComparison.OrdinalIgnoreCase);
        using (var stillOut = await client.GetAsync("/customers", ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
            Assert.Contains("/Account/Login", stillOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var codePage = await client.GetStringAsync(codePath, ct);
        using (var bad = await PostFormAsync(client, codePath, codePage, "login-2fa", new() { ["Input.Code"] = Totp.Code(key, Now(), stepOffset: 10) }, ct))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("id=\"two-factor-error\"", await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        codePage = await client.GetStringAsync(codePath, ct);
        using (var good = await PostFormAsync(client, codePath, codePage, "login-2fa", new() { ["Input.Code"] = Totp.Code(key, Now(), stepOffset: 1) }, ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        }
        using (var portal = await client.GetAsync("/customers", ct))
        {
            Assert.Equal(HttpStatusCode.OK, portal.StatusCode);
        }

        // A recovery code works once.
        foreach (var expectSuccess in new[] { true, false })
        {
            var other = PortalClient.Anonymous(factory);
            using var first = await PortalClient.SignInAsync(other, VoiceFlowAppFactory.StaffEmail, VoiceFlowAppFactory.Password);
            var path = first.Headers.Location!.OriginalString;
            var html = await other.GetStringAsync(path, ct);
            using var recovered = await PostFormAsync(other, path, html, "login-2fa", new() { ["Input.Code"] = recoveryCodes[0] }, ct);
            Assert.Equal(expectSuccess ? HttpStatusCode.Redirect : HttpStatusCode.OK, recovered.StatusCode);
        }

        await using var db = factory.Services.GetRequiredService<DatabaseOptionsHolder>().Create(null);
        Assert.True(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Action == "user.two_factor_enabled", ct));
        Assert.True(await db.Users.AnyAsync(u => u.Email == VoiceFlowAppFactory.StaffEmail && u.TwoFactorEnabled, ct));
    }

    private static DateTimeOffset Now() => TimeProvider.System.GetUtcNow();

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string page, string handler, Dictionary<string, string> fields, CancellationToken ct)
    {
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        fields["_handler"] = handler;
        return client.PostAsync(path, new FormUrlEncodedContent(fields), ct);
    }

    [GeneratedRegex("id=\"authenticator-qr\"[^>]*src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex Qr();

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex Key();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
