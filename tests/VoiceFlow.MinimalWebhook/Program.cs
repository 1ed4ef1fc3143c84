// The least work a Twilio voice webhook can do, as ../shared/docs/TOOLCHAIN.md defines it: read the form, check the
// X-Twilio-Signature, GET and SET a 1 KB session in Redis, INSERT one transcript row in PostgreSQL with default
// durability, answer fixed TwiML. tests/VoiceFlow.LoadTest/bench.sh loads it with wrk just before VoiceFlow itself, so
// the two figures come from the same run (identical runs on this machine differ by about 20%). It answers VoiceFlow's
// incoming and status paths too, so the load tool itself can play its calls against it (its TwiML's action is /hook):
// wrk spends far less CPU per request than the load tool, and all of them share the same two cores.
// usage: dotnet VoiceFlow.MinimalWebhook.dll --urls http://127.0.0.1:PORT  (env: MINIMAL_POSTGRES, MINIMAL_REDIS, MINIMAL_AUTH_TOKEN)
using Npgsql;
using StackExchange.Redis;
using Twilio.Security;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var postgres = new NpgsqlConnectionStringBuilder(Required("MINIMAL_POSTGRES"))
{
    // What TOOLCHAIN.md found best for this app on this machine.
    MaxPoolSize = 16, NoResetOnClose = true, Multiplexing = true, MaxAutoPrepare = 16,
};
await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
var redis = await ConnectionMultiplexer.ConnectAsync(Required("MINIMAL_REDIS"));
var validator = new RequestValidator(Required("MINIMAL_AUTH_TOKEN"));
await using (var create = dataSource.CreateCommand(
    """CREATE TABLE IF NOT EXISTS minimal_turns (id uuid PRIMARY KEY, call_sid text NOT NULL, at_utc timestamptz NOT NULL, text text NOT NULL)"""))
{
    await create.ExecuteNonQueryAsync();
}

var app = builder.Build();
const string Twiml = """<?xml version="1.0" encoding="utf-8"?><Response><Gather input="speech dtmf" action="/hook" speechTimeout="2"><Say>How can I help?</Say></Gather></Response>""";
var session = new string('s', 1024);
async Task<IResult> Hook(HttpContext http)
{
    var form = await http.Request.ReadFormAsync();
    var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}";
    var parameters = form.ToDictionary(p => p.Key, p => p.Value.ToString());
    if (!validator.Validate(url, parameters, http.Request.Headers["X-Twilio-Signature"].ToString()))
    {
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }
    var callSid = form["CallSid"].ToString();
    var db = redis.GetDatabase();
    await db.StringGetAsync("minimal:" + callSid);
    await using (var insert = dataSource.CreateCommand("INSERT INTO minimal_turns (id, call_sid, at_utc, text) VALUES ($1, $2, $3, $4)"))
    {
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = callSid });
        insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = TimeProvider.System.GetUtcNow().UtcDateTime });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form["SpeechResult"].ToString() });
        await insert.ExecuteNonQueryAsync();
    }
    await db.StringSetAsync("minimal:" + callSid, session, TimeSpan.FromHours(2));
    return Results.Text(Twiml, "application/xml");
}
foreach (var path in new[] { "/hook", "/twilio/voice/incoming", "/twilio/voice/status" })
{
    app.MapPost(path, (Delegate)Hook);
}
// RunAsync, not Run: after the CREATE TABLE above, Main may go on on one of Npgsql's connection read loops, which a blocking Run() would hold for good.
await app.RunAsync();

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set {name}.");
