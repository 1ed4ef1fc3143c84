using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceFlow.Testing;

/// <summary>
/// Google's OAuth and Calendar v3 endpoints on a real loopback port, behaving like the real service for what VoiceFlow
/// uses: a consent page (/o/oauth2/auth) that sends the browser back with a code; /token (authorization_code and
/// refresh_token grants, invalid_grant for revoked tokens); /revoke; calendarList; events list (full and incremental
/// with sync tokens, 410 for expired tokens, paging, showDeleted, privateExtendedProperty), insert (client ids,
/// 409 on a taken id), patch, delete (410 when already deleted); events.watch, channels.stop, freeBusy; bearer tokens
/// checked (401). It can be told to answer 429/403/5xx, to forget sync tokens, or to lose a calendar (404).
/// Tests play "the user in Google" with <see cref="AddEvent"/>, <see cref="MoveEvent"/>, <see cref="DeleteEvent"/>.
/// </summary>
public sealed partial class FakeGoogleCalendar : IAsyncDisposable
{
    public const string ClientId = "voiceflow-test.apps.googleusercontent.com";
    public const string ClientSecret = "fake-google-secret";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Summary, string Role, bool Primary)> _calendars = [];
    private readonly Dictionary<(string Calendar, string Id), FakeGoogleEvent> _events = [];
    private readonly Dictionary<string, string> _codes = [];
    private readonly HashSet<string> _refreshTokens = [];
    private readonly HashSet<string> _revoked = [];
    private readonly Dictionary<string, (string Refresh, DateTimeOffset Expires)> _accessTokens = [];
    private readonly Dictionary<string, (string Calendar, long Sequence)> _syncTokens = [];
    private readonly Dictionary<string, int> _inserts = [];
    private readonly List<FakeGoogleChannel> _channels = [];
    private long _sequence;
    private int _failuresLeft;
    private HttpStatusCode _failure = HttpStatusCode.TooManyRequests;

    private FakeGoogleCalendar(WebApplication app, string accountEmail)
    {
        _app = app;
        AccountEmail = accountEmail;
        _calendars[accountEmail] = ("Primary", "owner", true);
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    /// <summary>The fake's clock (the test's fixed clock, so channel expiries follow it).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;
    public string AccountEmail { get; }

    /// <summary>At most this many events per page, whatever maxResults asks (to exercise paging).</summary>
    public int PageSize { get; set; } = 250;

    /// <summary>Calendar API requests refused on purpose (rate limits, outages).</summary>
    public int Refused { get; private set; }
    public int ApiRequests { get; private set; }
    public string? LastAuthorizationQuery { get; private set; }

    /// <summary>The settings that point the app at this fake.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Google:ClientId"] = ClientId,
        ["Google:ClientSecret"] = ClientSecret,
        ["Google:AuthUrl"] = new Uri(BaseUrl, "/o/oauth2/auth").ToString(),
        ["Google:TokenUrl"] = new Uri(BaseUrl, "/token").ToString(),
        ["Google:RevokeUrl"] = new Uri(BaseUrl, "/revoke").ToString(),
        ["Google:ApiBaseUrl"] = BaseUrl.ToString(),
    };

    public static async Task<FakeGoogleCalendar> StartAsync(string accountEmail = "owner.clinic@gmail.com")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGoogleCalendar(app, accountEmail);
        fake.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return fake;
    }

    // ---- what a test can do to "Google" -------------------------------------------------------------------------

    public void AddCalendar(string id, string summary, string role = "owner")
    {
        lock (_gate) { _calendars[id] = (summary, role, false); }
    }

    /// <summary>The calendar is deleted: every call on it answers 404.</summary>
    public void RemoveCalendar(string id)
    {
        lock (_gate) { _calendars.Remove(id); }
    }

    /// <summary>The next <paramref name="count"/> Calendar API requests fail with <paramref name="status"/> (int.MaxValue: until <see cref="Recover"/>).</summary>
    public void Fail(HttpStatusCode status, int count = int.MaxValue)
    {
        lock (_gate)
        {
            _failure = status;
            _failuresLeft = count;
        }
    }

    public void Recover()
    {
        lock (_gate) { _failuresLeft = 0; }
    }

    /// <summary>All sync tokens become invalid: the next incremental list answers 410 Gone.</summary>
    public void ExpireSyncTokens()
    {
        lock (_gate) { _syncTokens.Clear(); }
    }

    /// <summary>The user removes the app's access in their Google account: refresh tokens give invalid_grant.</summary>
    public void RevokeAllGrants()
    {
        lock (_gate)
        {
            _revoked.UnionWith(_refreshTokens);
            _accessTokens.Clear();
        }
    }

    public bool IsRevoked(string refreshToken)
    {
        lock (_gate) { return _revoked.Contains(refreshToken); }
    }

    public int RevokedCount
    {
        get { lock (_gate) { return _revoked.Count; } }
    }

    /// <summary>Someone adds an event in Google (not VoiceFlow). Returns its id.</summary>
    public string AddEvent(string calendarId, string summary, DateTimeOffset start, DateTimeOffset end, bool transparent = false, string? timeZone = null)
    {
        var resource = new JsonObject
        {
            ["summary"] = summary,
            ["start"] = new JsonObject { ["dateTime"] = Rfc3339(start), ["timeZone"] = timeZone },
            ["end"] = new JsonObject { ["dateTime"] = Rfc3339(end), ["timeZone"] = timeZone },
        };
        if (transparent)
        {
            resource["transparency"] = "transparent";
        }
        return Store(calendarId, null, resource).Id;
    }

    public string AddAllDayEvent(string calendarId, string summary, DateOnly day) =>
        Store(calendarId, null, new JsonObject
        {
            ["summary"] = summary,
            ["start"] = new JsonObject { ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            ["end"] = new JsonObject { ["date"] = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        }).Id;

    /// <summary>An event whose times cannot be read (as some third-party tools write them).</summary>
    public string AddMalformedEvent(string calendarId, string summary) =>
        Store(calendarId, null, new JsonObject { ["summary"] = summary, ["start"] = new JsonObject { ["dateTime"] = "not a time" }, ["end"] = new JsonObject() }).Id;

    /// <summary>Someone drags an event to another time in Google.</summary>
    public void MoveEvent(string calendarId, string eventId, DateTimeOffset start, DateTimeOffset end)
    {
        lock (_gate)
        {
            var stored = _events[(calendarId, eventId)];
            stored.Resource["start"] = new JsonObject { ["dateTime"] = Rfc3339(start) };
            stored.Resource["end"] = new JsonObject { ["dateTime"] = Rfc3339(end) };
            Touch(stored);
        }
    }

    /// <summary>Someone deletes an event in Google.</summary>
    public void DeleteEvent(string calendarId, string eventId)
    {
        lock (_gate)
        {
            var stored = _events[(calendarId, eventId)];
            stored.Resource["status"] = "cancelled";
            Touch(stored);
        }
    }

    /// <summary>The events of a calendar that exist (not deleted).</summary>
    public IReadOnlyList<FakeGoogleEvent> Events(string calendarId)
    {
        lock (_gate)
        {
            return _events.Values.Where(e => e.CalendarId == calendarId && !e.Deleted).OrderBy(e => e.Sequence).ToList();
        }
    }

    public FakeGoogleEvent? Find(string calendarId, string eventId)
    {
        lock (_gate) { return _events.GetValueOrDefault((calendarId, eventId)); }
    }

    /// <summary>How many inserts succeeded for this event id (1 means it was created exactly once).</summary>
    public int InsertsOf(string eventId)
    {
        lock (_gate) { return _inserts.GetValueOrDefault(eventId); }
    }

    public IReadOnlyList<FakeGoogleChannel> Channels
    {
        get { lock (_gate) { return [.. _channels]; } }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private void Map(WebApplication app)
    {
        app.MapGet("/o/oauth2/auth", ConsentPage);
        app.MapGet("/o/oauth2/approve", Approve);
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        app.MapPost("/revoke", (Func<HttpContext, Task<IResult>>)RevokeAsync);
        app.MapGet("/calendar/v3/users/me/calendarList", (HttpContext http) => Api(http, () => CalendarList()));
        app.MapGet("/calendar/v3/calendars/{calendarId}/events", (HttpContext http, string calendarId) => Api(http, () => List(http, calendarId)));
        app.MapPost("/calendar/v3/calendars/{calendarId}/events/watch", async (HttpContext http, string calendarId) =>
        {
            var body = await ReadAsync(http);
            return Api(http, () => Watch(calendarId, body));
        });
        app.MapPost("/calendar/v3/calendars/{calendarId}/events", async (HttpContext http, string calendarId) =>
        {
            var body = await ReadAsync(http);
            return Api(http, () => Insert(calendarId, body));
        });
        app.MapMethods("/calendar/v3/calendars/{calendarId}/events/{eventId}", ["GET", "PATCH", "DELETE"], async (HttpContext http, string calendarId, string eventId) =>
        {
            var body = http.Request.Method == "PATCH" ? await ReadAsync(http) : null;
            return Api(http, () => http.Request.Method switch
            {
                "GET" => Get(calendarId, eventId),
                "PATCH" => Patch(calendarId, eventId, body),
                _ => Delete(calendarId, eventId),
            });
        });
        app.MapPost("/calendar/v3/channels/stop", async (HttpContext http) =>
        {
            var body = await ReadAsync(http);
            return Api(http, () =>
            {
                _channels.RemoveAll(c => c.Id == (string?)body?["id"] && c.ResourceId == (string?)body?["resourceId"]);
                return Results.NoContent();
            });
        });
        app.MapPost("/calendar/v3/freeBusy", async (HttpContext http) =>
        {
            var body = await ReadAsync(http);
            return Api(http, () => FreeBusy(body));
        });
    }

    private static async Task<JsonObject?> ReadAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private IResult ConsentPage(HttpContext http)
    {
        var q = http.Request.Query;
        LastAuthorizationQuery = http.Request.QueryString.Value;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(q["redirect_uri"]))
        {
            return Results.Content("<html><body><h1>Error 400: invalid_request</h1></body></html>", "text/html", statusCode: 400);
        }
        var approve = "/o/oauth2/approve" + http.Request.QueryString.Value;
        var deny = q["redirect_uri"] + "?error=access_denied&state=" + Uri.EscapeDataString(q["state"].ToString());
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><title>Sign in - Google Accounts (fake)</title></head><body>
            <h1>VoiceFlow wants to access your Google Account</h1>
            <p>{WebUtility.HtmlEncode(AccountEmail)}</p>
            <p>This will allow VoiceFlow to see, edit, share, and permanently delete all the calendars you can access using Google Calendar.</p>
            <a id="deny" href="{WebUtility.HtmlEncode(deny)}">Cancel</a>
            <a id="allow" href="{WebUtility.HtmlEncode(approve)}">Allow</a>
            </body></html>
            """;
        return Results.Content(html, "text/html");
    }

    private IResult Approve(HttpContext http)
    {
        var q = http.Request.Query;
        var code = "4/" + Guid.NewGuid().ToString("N");
        lock (_gate) { _codes[code] = q["redirect_uri"].ToString(); }
        var target = q["redirect_uri"] + "?code=" + Uri.EscapeDataString(code) + "&state=" + Uri.EscapeDataString(q["state"].ToString()) +
                     "&scope=" + Uri.EscapeDataString(q["scope"].ToString());
        return Results.Redirect(target);
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var (clientId, clientSecret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (http.Request.Headers.Authorization.ToString() is { Length: > 6 } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (clientId, clientSecret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client", error_description = "The OAuth client was not found." }, statusCode: 401);
        }
        lock (_gate)
        {
            switch (form["grant_type"].ToString())
            {
                case "authorization_code":
                    if (!_codes.Remove(form["code"].ToString(), out var redirect) || redirect != form["redirect_uri"])
                    {
                        return Results.Json(new { error = "invalid_grant", error_description = "Malformed auth code." }, statusCode: 400);
                    }
                    var refresh = "1//" + Guid.NewGuid().ToString("N");
                    _refreshTokens.Add(refresh);
                    return Results.Json(new { access_token = Issue(refresh), expires_in = 3599, refresh_token = refresh, scope = "https://www.googleapis.com/auth/calendar", token_type = "Bearer" });
                case "refresh_token":
                    var token = form["refresh_token"].ToString();
                    if (!_refreshTokens.Contains(token) || _revoked.Contains(token))
                    {
                        return Results.Json(new { error = "invalid_grant", error_description = "Token has been expired or revoked." }, statusCode: 400);
                    }
                    return Results.Json(new { access_token = Issue(token), expires_in = 3599, scope = "https://www.googleapis.com/auth/calendar", token_type = "Bearer" });
                default:
                    return Results.Json(new { error = "unsupported_grant_type", error_description = "Invalid grant_type." }, statusCode: 400);
            }
        }
    }

    private string Issue(string refresh)
    {
        var access = "ya29." + Guid.NewGuid().ToString("N");
        _accessTokens[access] = (refresh, DateTimeOffset.MaxValue);
        return access;
    }

    private async Task<IResult> RevokeAsync(HttpContext http)
    {
        var token = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync())["token"].ToString() : http.Request.Query["token"].ToString();
        lock (_gate)
        {
            if (_refreshTokens.Contains(token) && !_revoked.Contains(token))
            {
                _revoked.Add(token);
                foreach (var access in _accessTokens.Where(a => a.Value.Refresh == token).Select(a => a.Key).ToList())
                {
                    _accessTokens.Remove(access);
                }
                return Results.Ok();
            }
            if (_accessTokens.Remove(token))
            {
                return Results.Ok();
            }
        }
        return Results.Json(new { error = "invalid_token", error_description = "Token expired or revoked" }, statusCode: 400);
    }

    private IResult Api(HttpContext http, Func<IResult> handler)
    {
        lock (_gate)
        {
            ApiRequests++;
            var auth = http.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.ContainsKey(auth[7..]))
            {
                return Error(HttpStatusCode.Unauthorized, "authError", "Invalid Credentials");
            }
            if (_failuresLeft > 0)
            {
                if (_failuresLeft != int.MaxValue)
                {
                    _failuresLeft--;
                }
                Refused++;
                return _failure switch
                {
                    HttpStatusCode.TooManyRequests => Error(_failure, "rateLimitExceeded", "Rate Limit Exceeded"),
                    HttpStatusCode.Forbidden => Error(_failure, "rateLimitExceeded", "Rate Limit Exceeded"),
                    _ => Error(_failure, "backendError", "Backend Error"),
                };
            }
            var calendarId = http.Request.RouteValues["calendarId"] as string;
            if (calendarId is not null && !_calendars.ContainsKey(calendarId))
            {
                return Error(HttpStatusCode.NotFound, "notFound", "Not Found");
            }
            return handler();
        }
    }

    private static IResult Error(HttpStatusCode status, string reason, string message) =>
        Results.Json(new { error = new { code = (int)status, message, errors = new[] { new { domain = "global", reason, message } } } }, statusCode: (int)status);

    private IResult CalendarList() => Results.Json(new
    {
        kind = "calendar#calendarList",
        items = _calendars.Select(c => new { kind = "calendar#calendarListEntry", id = c.Key, summary = c.Value.Summary, accessRole = c.Value.Role, primary = c.Value.Primary }),
    });

    private IResult List(HttpContext http, string calendarId)
    {
        var q = http.Request.Query;
        var syncToken = q["syncToken"].ToString();
        var pageToken = q["pageToken"].ToString();
        var showDeleted = q["showDeleted"] == "true";
        var max = Math.Min(PageSize, int.TryParse(q["maxResults"], out var m) ? Math.Clamp(m, 1, 2500) : 250);
        long since = 0;
        var incremental = syncToken.Length > 0;
        if (incremental)
        {
            if (q.ContainsKey("timeMin") || q.ContainsKey("timeMax") || q.ContainsKey("privateExtendedProperty"))
            {
                return Error(HttpStatusCode.BadRequest, "invalid", "Sync token cannot be used with other filters.");
            }
            if (!_syncTokens.TryGetValue(syncToken, out var state) || state.Calendar != calendarId)
            {
                return Error(HttpStatusCode.Gone, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
            }
            since = state.Sequence;
        }
        var (offset, upTo) = (0, _sequence);
        if (pageToken.Length > 0)
        {
            var parts = pageToken.Split('.');
            if (parts.Length != 2 || !int.TryParse(parts[0], out offset) || !long.TryParse(parts[1], out upTo))
            {
                return Error(HttpStatusCode.BadRequest, "invalid", "Invalid page token.");
            }
        }
        var timeMin = FakeGoogleEvent.Parse(q["timeMin"].ToString() is { Length: > 0 } t ? JsonValue.Create(t) : null);
        var property = q["privateExtendedProperty"].ToString().Split('=', 2);
        var matching = _events.Values
            .Where(e => e.CalendarId == calendarId && e.Sequence > since && e.Sequence <= upTo)
            .Where(e => incremental || showDeleted || !e.Deleted)
            .Where(e => timeMin is null || e.End is null || e.End > timeMin)
            .Where(e => property.Length != 2 || (string?)e.Resource["extendedProperties"]?["private"]?[property[0]] == property[1])
            .OrderBy(e => e.Sequence).ToList();
        var page = matching.Skip(offset).Take(max).ToList();
        var more = offset + page.Count < matching.Count;
        string? nextSync = null;
        if (!more)
        {
            nextSync = "sync-" + Guid.NewGuid().ToString("N");
            _syncTokens[nextSync] = (calendarId, upTo);
        }
        var body = new JsonObject
        {
            ["kind"] = "calendar#events",
            ["items"] = new JsonArray(page.Select(e => (JsonNode)e.Resource.DeepClone()).ToArray()),
        };
        if (more)
        {
            body["nextPageToken"] = $"{offset + page.Count}.{upTo}";
        }
        else
        {
            body["nextSyncToken"] = nextSync;
        }
        return Results.Content(body.ToJsonString(), "application/json");
    }

    [GeneratedRegex("^[a-v0-9]{5,1024}$")]
    private static partial Regex EventIdPattern();

    private IResult Insert(string calendarId, JsonObject? body)
    {
        if (body is null || body["start"] is null || body["end"] is null)
        {
            return Error(HttpStatusCode.BadRequest, "required", "Missing end time.");
        }
        var id = (string?)body["id"];
        if (id is not null && !EventIdPattern().IsMatch(id))
        {
            return Error(HttpStatusCode.BadRequest, "invalid", "Invalid resource id value.");
        }
        if (id is not null && _events.ContainsKey((calendarId, id)))
        {
            return Error(HttpStatusCode.Conflict, "duplicate", "The requested identifier already exists.");
        }
        var stored = StoreLocked(calendarId, id, body);
        _inserts[stored.Id] = _inserts.GetValueOrDefault(stored.Id) + 1;
        return Results.Content(stored.Resource.ToJsonString(), "application/json");
    }

    private IResult Get(string calendarId, string eventId) =>
        _events.TryGetValue((calendarId, eventId), out var stored)
            ? Results.Content(stored.Resource.ToJsonString(), "application/json")
            : Error(HttpStatusCode.NotFound, "notFound", "Not Found");

    private IResult Patch(string calendarId, string eventId, JsonObject? body)
    {
        if (!_events.TryGetValue((calendarId, eventId), out var stored))
        {
            return Error(HttpStatusCode.NotFound, "notFound", "Not Found");
        }
        if (body is null)
        {
            return Error(HttpStatusCode.BadRequest, "parseError", "Parse Error");
        }
        foreach (var (key, value) in body)
        {
            if (key is "id" or "etag" or "updated")
            {
                continue;
            }
            stored.Resource[key] = value?.DeepClone();
        }
        if (body["status"] is null && stored.Deleted)
        {
            // Patching a deleted event without restoring it changes nothing visible.
        }
        Touch(stored);
        return Results.Content(stored.Resource.ToJsonString(), "application/json");
    }

    private IResult Delete(string calendarId, string eventId)
    {
        if (!_events.TryGetValue((calendarId, eventId), out var stored))
        {
            return Error(HttpStatusCode.NotFound, "notFound", "Not Found");
        }
        if (stored.Deleted)
        {
            return Error(HttpStatusCode.Gone, "deleted", "Resource has been deleted");
        }
        stored.Resource["status"] = "cancelled";
        Touch(stored);
        return Results.NoContent();
    }

    private IResult Watch(string calendarId, JsonObject? body)
    {
        var id = (string?)body?["id"];
        var address = (string?)body?["address"];
        if (id is null || address is null || (string?)body?["type"] != "web_hook")
        {
            return Error(HttpStatusCode.BadRequest, "invalid", "Invalid channel.");
        }
        var ttl = long.TryParse((string?)body?["params"]?["ttl"], out var seconds) ? seconds : 604800;
        var channel = new FakeGoogleChannel(id, "res-" + Guid.NewGuid().ToString("N")[..12], calendarId, address, (string?)body?["token"],
            Clock.GetUtcNow().AddSeconds(ttl));
        _channels.Add(channel);
        return Results.Json(new
        {
            kind = "api#channel", id, resourceId = channel.ResourceId, resourceUri = $"{BaseUrl}calendar/v3/calendars/{calendarId}/events",
            token = channel.Token, expiration = channel.Expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    private IResult FreeBusy(JsonObject? body)
    {
        var min = FakeGoogleEvent.Parse(body?["timeMin"]);
        var max = FakeGoogleEvent.Parse(body?["timeMax"]);
        if (min is null || max is null)
        {
            return Error(HttpStatusCode.BadRequest, "badRequest", "Bad Request");
        }
        var result = new JsonObject();
        foreach (var item in body?["items"]?.AsArray() ?? [])
        {
            var id = (string?)item?["id"] ?? "";
            if (!_calendars.ContainsKey(id))
            {
                result[id] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = "notFound" }) };
                continue;
            }
            var busy = _events.Values.Where(e => e.CalendarId == id && !e.Deleted && (string?)e.Resource["transparency"] != "transparent"
                                                  && e.Start < max && e.End > min)
                .OrderBy(e => e.Start).Select(e => (JsonNode)new JsonObject { ["start"] = Rfc3339(e.Start!.Value.ToUniversalTime()), ["end"] = Rfc3339(e.End!.Value.ToUniversalTime()) });
            result[id] = new JsonObject { ["busy"] = new JsonArray(busy.ToArray()) };
        }
        return Results.Content(new JsonObject { ["kind"] = "calendar#freeBusy", ["calendars"] = result }.ToJsonString(), "application/json");
    }

    // ---- storage --------------------------------------------------------------------------------------------------

    private FakeGoogleEvent Store(string calendarId, string? id, JsonObject resource)
    {
        lock (_gate)
        {
            return StoreLocked(calendarId, id, resource);
        }
    }

    private FakeGoogleEvent StoreLocked(string calendarId, string? id, JsonObject resource)
    {
        id ??= Guid.NewGuid().ToString("N")[..26];
        var copy = (JsonObject)resource.DeepClone();
        copy["id"] = id;
        copy["kind"] = "calendar#event";
        copy["status"] = (string?)copy["status"] ?? "confirmed";
        var stored = new FakeGoogleEvent(calendarId, id, copy, 0);
        _events[(calendarId, id)] = stored;
        Touch(stored);
        return stored;
    }

    private void Touch(FakeGoogleEvent stored)
    {
        stored.Sequence = ++_sequence;
        stored.Resource["etag"] = $"\"{stored.Sequence}\"";
        stored.Resource["updated"] = Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        foreach (var channel in _channels.Where(c => c.CalendarId == stored.CalendarId))
        {
            channel.Changes++;
        }
    }

    private static string Rfc3339(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        // Clients may keep idle keep-alive connections open: don't wait for them.
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(quick.Token);
        await _app.DisposeAsync();
    }
}
