using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Testing;
using VoiceFlow.Web.Tests.Api;

namespace VoiceFlow.Web.Tests.Security;

/// <summary>
/// Thousands of malformed, oversized and hostile requests (bad encodings, huge fields, script and SQL in every field) to the
/// Twilio webhooks and the API, from a seeded Random so a failure replays: never a 500, the app stays up, and nothing is
/// stored that should not be (no appointments or customers, no calls or messages for numbers no business answers).
/// </summary>
public sealed class FuzzTests(TestServers servers)
{
    private const int Seed = 20261125;
    private const int WebhookRequests = 1200;
    private const int ApiRequests = 1200;
    private const string OtherNumber = "+16045550123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE \"Customers\"; --", "' OR '1'='1", "1; SELECT pg_sleep(5)--",
        "Robert'); DELETE FROM \"Appointments\";--", "{{7*7}}", "${jndi:ldap://x}", "%s%s%s%n", "{0}{1}", "../../etc/passwd", "\r\nSet-Cookie: x=1",
        "\0", "a\0b", "\uFEFF", "\u202Eevil", "😀😀😀", "Ω≈ç√∫", "NaN", "-1", "1e309", "99999999999999999999999", "null", "[]", "{}", "true",
        "+1416555", "+0000000000", "tomorrow at 25:99", "cleaning cleaning cleaning", "ＳＥＬＥＣＴ", "\u0000\u0001\u0002", "\\u0000", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
    ];

    private static readonly string[] VoicePaths = ["incoming", "gather", "dial", "recording", "status", "fallback"];
    private static readonly string[] FormKeys =
        ["CallSid", "AccountSid", "From", "To", "CallStatus", "Direction", "SpeechResult", "Confidence", "Digits", "DialCallStatus", "RecordingUrl", "CallDuration",
         "MessageSid", "MessageStatus", "Body", "ErrorCode", "ErrorUrl", "Caller", "Called"];

    private static string Value(Random random) => random.Next(12) switch
    {
        0 => new string((char)random.Next(32, 127), random.Next(500, 8_000)),                       // long (bodies mostly stay under the 64 KB cap)
        11 => random.Next(8) == 0 ? new string('x', 70_000) : "x",                                   // now and then, over the cap alone
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0, 0xD7FF))), // any characters
        2 => Hostile[random.Next(Hostile.Length)] + Hostile[random.Next(Hostile.Length)],
        3 => "",
        _ => Hostile[random.Next(Hostile.Length)],
    };

    private static ByteArrayContent BadBody(Random random)
    {
        byte[] bytes = random.Next(6) switch
        {
            0 => [0xFF, 0xFE, 0xFD, 0x00, 0xC3, 0x28, 0xA0, 0xA1],                                  // not UTF-8
            1 => Encoding.ASCII.GetBytes("CallSid=%ZZ&From=%&To=%E0%A4%A&Body=%FF%FE"),           // broken percent-encoding
            2 => Encoding.ASCII.GetBytes(new string('A', 200_000)),                                 // oversized, no '='
            3 => Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, 5000).Select(i => $"k{i}=v"))), // thousands of fields
            4 => Encoding.UTF8.GetBytes("{\"serviceId\": \"" + new string('9', 100) + "\", \"start\": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}"),
            _ => [.. Enumerable.Range(0, random.Next(1, 3000)).Select(_ => (byte)random.Next(256))],
        };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = random.Next(3) switch
        {
            0 => new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = random.Next(2) == 0 ? "utf-8" : "x-unknown-charset" },
            1 => new MediaTypeHeaderValue("application/json"),
            _ => MediaTypeHeaderValue.Parse("multipart/form-data; boundary=zzz"),
        };
        return content;
    }

    private static HttpRequestMessage WebhookRequest(Random random, Uri baseAddress, string[] numbers)
    {
        var sms = random.Next(4) == 0;
        var path = sms ? "/twilio/sms/" + (random.Next(2) == 0 ? "incoming" : "status") : "/twilio/voice/" + VoicePaths[random.Next(VoicePaths.Length)];
        var url = new Uri(baseAddress, path);
        var kind = random.Next(10);
        if (kind == 0)
        {
            return new HttpRequestMessage(HttpMethod.Post, url) { Content = BadBody(random) };
        }
        var form = new Dictionary<string, string>();
        foreach (var key in FormKeys)
        {
            if (random.Next(3) > 0)
            {
                form[key] = Value(random);
            }
        }
        // Often a well-formed call or message to a real number, with hostile words: the engine itself gets the garbage.
        if (random.Next(2) == 0)
        {
            form["CallSid"] = "CA" + random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 24);
            form["MessageSid"] = "SM" + random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + new string('0', 24);
            form["From"] = random.Next(2) == 0 ? "+14165550" + random.Next(100, 999) : Value(random);
            form["To"] = numbers[random.Next(numbers.Length)];
            form["AccountSid"] = "AC00000000000000000000000000000000";
        }
        if (kind == 1)
        {
            // Signed with the wrong token: refused before anything is read.
            return TwilioSigner.SignedPost("wrong-token", url, form);
        }
        return TwilioSigner.SignedPost(VoiceFlowAppFactory.TwilioAuthToken, url, form);
    }

    private static HttpRequestMessage ApiRequest(Random random, ApiTestKit.OtherBusiness other, Guid ownAppointment, Guid ownCustomer)
    {
        Guid[] ids = [other.AppointmentId, other.CustomerId, other.CallId, other.ServiceId, Guid.NewGuid(), Guid.Empty];
        // The test host itself refuses a NUL in the path (Kestrel answers 400 for it), so path segments go without.
        var text = Value(random).Replace("\0", "", StringComparison.Ordinal);
        var id = random.Next(5) == 0 ? Uri.EscapeDataString(text[..Math.Min(50, text.Length)]) : ids[random.Next(ids.Length)].ToString();
        string Q() => Uri.EscapeDataString(Value(random) is var v && v.Length > 3000 ? v[..3000] : v);
        var (method, path) = random.Next(14) switch
        {
            0 => (HttpMethod.Get, $"/api/v1/appointments?from={Q()}&to={Q()}&status={Q()}&customer={Q()}&page={Q()}&pageSize={Q()}"),
            1 => (HttpMethod.Get, $"/api/v1/appointments/{id}"),
            2 => (HttpMethod.Post, "/api/v1/appointments"),
            3 => (HttpMethod.Post, $"/api/v1/appointments/{(random.Next(2) == 0 ? ownAppointment.ToString() : id)}/reschedule"),
            4 => (HttpMethod.Post, $"/api/v1/appointments/{id}/cancel"),
            5 => (HttpMethod.Get, $"/api/v1/availability?serviceId={Q()}&from={Q()}&to={Q()}&max={Q()}"),
            6 => (HttpMethod.Get, $"/api/v1/customers?search={Q()}&page={Q()}"),
            7 => (HttpMethod.Get, $"/api/v1/customers/{id}"),
            8 => (HttpMethod.Put, $"/api/v1/customers/{(random.Next(2) == 0 ? ownCustomer.ToString() : id)}"),
            9 => (HttpMethod.Put, $"/api/v1/customers/{(random.Next(2) == 0 ? ownCustomer.ToString() : id)}/notes"),
            10 => (HttpMethod.Get, $"/api/v1/calls?outcome={Q()}&language={Q()}&from={Q()}&live={Q()}"),
            11 => (HttpMethod.Get, $"/api/v1/calls/{id}"),
            12 => (HttpMethod.Post, "/api/v1/auth/login"),
            _ => (HttpMethod.Get, $"/api/v1/services/{id}"),
        };
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            if (random.Next(4) == 0)
            {
                request.Content = BadBody(random);
            }
            else
            {
                // Every field hostile (and the start unbookable), so no write can succeed.
                var json = new Dictionary<string, object?>
                {
                    ["serviceId"] = random.Next(3) == 0 ? Value(random) : other.ServiceId,
                    ["start"] = random.Next(3) == 0 ? Value(random) : "1999-01-01T00:00:00Z",
                    ["customerId"] = random.Next(2) == 0 ? other.CustomerId : Value(random),
                    ["customerName"] = Value(random), ["customerPhone"] = Value(random), ["customerLanguage"] = Value(random), ["notes"] = Value(random),
                    ["reason"] = Value(random), ["name"] = Value(random), ["phone"] = Value(random), ["email"] = Value(random), ["language"] = Value(random),
                    ["smsOptedOut"] = random.Next(2) == 0 ? Value(random) : true,
                    ["email "] = Value(random), ["password"] = Value(random),
                };
                request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
            }
        }
        if (random.Next(6) == 0)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Value(random));
        }
        return request;
    }

    [Fact]
    public async Task Webhooks_ThousandsOfHostileRequests_NeverA500_StoreNothingForUnknownNumbers()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers);
        var other = await ApiTestKit.SeedOtherBusinessAsync(factory);
        using var client = factory.CreateClient();
        var before = await CountsAsync(factory);
        string[] numbers = [VoiceFlowAppFactory.DemoPhone, OtherNumber, "+15555550999", "<script>", "'; DROP TABLE x;--", ""];
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, WebhookRequests).Select(_ => WebhookRequest(random, client.BaseAddress!, numbers)).ToList();
        var failures = await SendAllAsync(client, requests);
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        Assert.Equal("ok", await client.GetStringAsync("/healthz", Ct));

        var after = await CountsAsync(factory);
        Assert.Equal(before.Appointments, after.Appointments);
        Assert.Equal(before.Customers, after.Customers);
        await using var db = ApiTestKit.Database(factory);
        string[] answered = [VoiceFlowAppFactory.DemoPhone, OtherNumber];
        Assert.False(await db.Calls.IgnoreQueryFilters().AnyAsync(c => !answered.Contains(c.To), Ct), "a call was stored for a number no business answers");
        Assert.False(await db.InboundMessages.IgnoreQueryFilters().AnyAsync(m => !answered.Contains(m.To), Ct), "a message was stored for a number no business answers");
        Assert.False(await db.Businesses.IgnoreQueryFilters().AnyAsync(b => b.Id != other.BusinessId && b.Name != "Maple Dental Clinic", Ct));
    }

    [Fact]
    public async Task Api_ThousandsOfHostileRequests_NeverA500_ChangeNothing()
    {
        await using var factory = await VoiceFlowAppFactory.CreateAsync(servers, extra: new Dictionary<string, string?>
        {
            ["RateLimiting:ApiPerMinute"] = "100000",
            ["RateLimiting:SignInPerMinute"] = "100000",
        });
        var other = await ApiTestKit.SeedOtherBusinessAsync(factory);
        var demoId = await ApiTestKit.DemoBusinessIdAsync(factory);
        var (secret, _) = await ApiTestKit.CreateKeyAsync(factory, demoId);
        using var client = ApiTestKit.KeyClient(factory, secret);
        var appointments = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/appointments?status=Booked", Ct));
        var ownAppointment = appointments.GetProperty("items")[0].GetProperty("id").GetGuid();
        var customers = await ApiTestKit.ReadJsonAsync(await client.GetAsync("/api/v1/customers", Ct));
        var ownCustomer = customers.GetProperty("items")[0].GetProperty("id").GetGuid();
        var before = await CountsAsync(factory);
        string customerBefore;
        await using (var db = ApiTestKit.Database(factory))
        {
            customerBefore = System.Text.Json.JsonSerializer.Serialize(await db.Customers.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Id == ownCustomer).Select(c => new { c.Name, c.Phone, c.Email, c.Language }).SingleAsync(Ct));
        }

        var random = new Random(Seed + 1);
        var requests = Enumerable.Range(0, ApiRequests).Select(_ => ApiRequest(random, other, ownAppointment, ownCustomer)).ToList();
        var failures = await SendAllAsync(client, requests);
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services", Ct)).StatusCode);

        var after = await CountsAsync(factory);
        Assert.Equal(before, after);
        await using (var db = ApiTestKit.Database(factory))
        {
            var customerAfter = System.Text.Json.JsonSerializer.Serialize(await db.Customers.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Id == ownCustomer).Select(c => new { c.Name, c.Phone, c.Email, c.Language }).SingleAsync(Ct));
            Assert.Equal(customerBefore, customerAfter);
            // Notes are free text: hostile words may be kept (they are shown escaped), but never more than the limit or a NUL.
            var notes = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == ownCustomer).Select(c => c.Notes).SingleAsync(Ct);
            Assert.True(notes is null || (notes.Length <= 4000 && !notes.Contains('\0', StringComparison.Ordinal)));
            Assert.Equal(ApiTestKit.OtherCustomerName, await db.Customers.IgnoreQueryFilters().Where(c => c.Id == other.CustomerId).Select(c => c.Name).SingleAsync(Ct));
        }
    }

    private sealed record Counts(int Appointments, int Customers, int AuditEntries, int Users);

    private static async Task<Counts> CountsAsync(VoiceFlowAppFactory factory)
    {
        await using var db = ApiTestKit.Database(factory);
        return new Counts(await db.Appointments.IgnoreQueryFilters().CountAsync(Ct), await db.Customers.IgnoreQueryFilters().CountAsync(Ct),
            await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action != "customer.notes_changed", Ct), await db.Users.CountAsync(Ct));
    }

    private static async Task<ConcurrentQueue<string>> SendAllAsync(HttpClient client, IReadOnlyList<HttpRequestMessage> requests)
    {
        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(requests.Select((r, i) => (r, i)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (item, ct) =>
        {
            using var request = item.r;
            var target = request.RequestUri?.OriginalString ?? "";
            var description = $"#{item.i} {request.Method} {target[..Math.Min(160, target.Length)]}";
            try
            {
                using var response = await client.SendAsync(request, ct);
                if ((int)response.StatusCode >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(ct);
                    failures.Enqueue($"{description}: {(int)response.StatusCode} {body[..Math.Min(400, body.Length)]}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Enqueue($"{description}: {ex.Message}");
            }
        });
        return failures;
    }
}
