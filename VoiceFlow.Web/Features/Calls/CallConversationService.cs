using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Conversation;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Sessions;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// One step of a call, for Twilio's webhooks and the portal's simulator alike: load the live session, ask the
/// conversation engine (running its commands), save the transcript and the session, return the reply.
/// </summary>
public sealed class CallConversationService(
    ICallSessionStore sessions,
    BusinessProfileCache profiles,
    DatabaseOptionsHolder database,
    CurrentTenant tenant,
    ConversationCommandExecutor executor,
    CallTranscriptWriter writer,
    IMemoryCache cache,
    LiveCallNotifier notifier,
    RecentCallSessions recent,
    TimeProvider time,
    ILogger<CallConversationService> logger)
{
    public static readonly TimeSpan SessionLifetime = Call.LiveWindow;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxCommandsPerStep = 6;

    /// <summary>A call arrives: create its record and greet. Repeated (Twilio retries) it greets again without a second record.</summary>
    public async Task<VoiceReply?> StartAsync(string callSid, string from, string to, bool isTest, CancellationToken cancellationToken)
    {
        var businessId = await profiles.FindBusinessByNumberAsync(to, cancellationToken);
        if (businessId is null)
        {
            return null;
        }
        var profile = await profiles.GetAsync(businessId.Value, cancellationToken);
        if (profile is null)
        {
            return null;
        }
        tenant.Set(profile.BusinessId);
        var state = ConversationState.Start(profile.DefaultLanguage);
        // A new call, the common case: its record is inserted with the greeting's transcript in one round trip. The
        // unique CallSid catches Twilio sending the same incoming webhook again (whether or not the first one is still
        // running): nothing is written twice, and the caller is greeted again on the call already recorded.
        var call = new Call(profile.BusinessId, callSid, from, to, profile.DefaultLanguage, time.GetUtcNow().UtcDateTime, isTest);
        var session = NewSession(call, profile, turnCount: 0);
        return await StepAsync(session, profile, state, new CallStarted(), callerLine: null, cancellationToken, newCall: call)
            ?? await StepAsync(await RecordedSessionAsync(callSid, profile, cancellationToken), profile,
                ConversationState.Start(profile.DefaultLanguage), new CallStarted(), callerLine: null, cancellationToken)
            ?? throw new InvalidOperationException("An existing call cannot collide with itself.");
    }

    /// <summary>
    /// The caller answered a prompt (speech, keys or silence). <paramref name="sessionVersion"/>: the session version
    /// the webhook's action URL names, if any.
    /// </summary>
    public async Task<VoiceReply?> ContinueAsync(string callSid, string from, string to, CallerSaid said, CancellationToken cancellationToken, string? sessionVersion = null)
    {
        var session = await LoadAsync(callSid, sessionVersion, cancellationToken);
        if (session is null)
        {
            // A CallSid we never saw (or whose session expired): begin again politely rather than fail.
            return await StartAsync(callSid, from, to, isTest: false, cancellationToken);
        }
        var profile = await profiles.GetAsync(session.BusinessId, cancellationToken);
        if (profile is null)
        {
            return null;
        }
        tenant.Set(profile.BusinessId);
        var state = session.Conversation ?? ConversationState.Start(session.Language);
        var line = said.IsSilence ? null : (string.IsNullOrWhiteSpace(said.Text) ? $"[pressed {said.Digits}]" : said.Text);
        return await StepAsync(session, profile, state, said, line, cancellationToken, said.Confidence);
    }

    /// <summary>An engine event that is not the caller speaking (a transfer not answered, a voicemail left).</summary>
    public async Task<VoiceReply?> SignalAsync(string callSid, CallerEvent callerEvent, CancellationToken cancellationToken, string? sessionVersion = null)
    {
        var session = await LoadAsync(callSid, sessionVersion, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var profile = await profiles.GetAsync(session.BusinessId, cancellationToken);
        if (profile is null)
        {
            return null;
        }
        tenant.Set(profile.BusinessId);
        if (callerEvent is VoicemailRecorded voicemail)
        {
            await UpdateCallAsync(session.CallId, call => call.RecordVoicemail(voicemail.RecordingUrl), cancellationToken);
        }
        return await StepAsync(session, profile, session.Conversation ?? ConversationState.Start(session.Language), callerEvent, null, cancellationToken);
    }

    /// <summary>
    /// Twilio's status callback: the call ended. Safe to receive twice or for an unknown call. The turn count comes
    /// from the transcript itself, so the live session is only removed, never read.
    /// </summary>
    public async Task<bool> EndAsync(string callSid, int? durationSeconds, string? status, CancellationToken cancellationToken)
    {
        var businessId = await writer.EndAsync(callSid, time.GetUtcNow().UtcDateTime, durationSeconds, status, turnCount: 0, cancellationToken);
        if (businessId is null)
        {
            return false;
        }
        recent.Forget(callSid);
        await sessions.RemoveAsync(callSid, cancellationToken);
        notifier.Notify(businessId.Value);
        return true;
    }

    /// <summary>Records that a step failed (the caller heard an apology), best effort.</summary>
    public async Task RecordFailureAsync(string callSid, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = database.Create(tenant: null);
            var call = await db.Calls.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.CallSid == callSid, cancellationToken);
            if (call is not null)
            {
                call.Fail(reason);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Could not record the failure of call {CallSid}", callSid);
        }
    }

    /// <summary>One step; null only when <paramref name="newCall"/> turned out to be recorded already (nothing was written).</summary>
    private async Task<VoiceReply?> StepAsync(
        CallSession session, BusinessProfile profile, ConversationState state, CallerEvent callerEvent, string? callerLine,
        CancellationToken cancellationToken, double? confidence = null, Call? newCall = null)
    {
        var clock = Stopwatch.StartNew();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var context = await BuildContextAsync(profile, session, nowUtc, cancellationToken);
        var turn = ConversationEngine.Step(state, callerEvent, context);
        var changedAppointments = false;
        for (var i = 0; turn.Command is not null && i < MaxCommandsPerStep; i++)
        {
            var executed = await executor.ExecuteAsync(turn.Command, session, cancellationToken);
            if (executed.AppointmentId is not null)
            {
                session.AppointmentId = executed.AppointmentId;
                changedAppointments = true;
            }
            if (executed.CustomerId is not null)
            {
                session.CustomerId = executed.CustomerId;
            }
            if (turn.Command is not CheckAvailability)
            {
                changedAppointments = true;
            }
            turn = ConversationEngine.Step(turn.State, executed.Result, context);
        }
        if (changedAppointments && session.From.Length > 0)
        {
            cache.Remove(CallerKey(profile.BusinessId, session.From));
        }
        var reply = turn.Reply ?? new AgentReply(turn.State.Language, [], ReplyAction.Hangup, []);

        // The transcript: what the caller said, what the agent answered (one insert).
        var turns = new List<CallTurn>(2);
        if (callerLine is not null)
        {
            turns.Add(CallTurn.Record(profile.BusinessId, session.CallId, ++session.TurnCount, Speaker.Caller, callerLine, confidence, nowUtc));
            session.LastHeard = callerLine.Length > 200 ? callerLine[..200] : callerLine;
        }
        if (reply.Say.Count > 0)
        {
            turns.Add(CallTurn.Record(profile.BusinessId, session.CallId, ++session.TurnCount, Speaker.Agent, reply.Text, null,
                nowUtc.AddMilliseconds(1), (int)clock.ElapsedMilliseconds));
        }
        var languageChanged = session.Language != turn.State.Language;
        session.Language = turn.State.Language;
        session.Step = turn.State.Step.ToString();
        session.Conversation = turn.State;
        var outcomeChanged = turn.Outcome is not null && turn.Outcome.ToString() != session.Outcome;
        if (turn.Outcome is not null)
        {
            session.Outcome = turn.Outcome.ToString();
        }

        // One database round trip per step: the transcript lines, with the new call or the call's progress batched in.
        var progress = new CallProgress(session.Language, session.TurnCount, session.CustomerId, session.AppointmentId, turn.Outcome, turn.Summary);
        if (newCall is not null)
        {
            progress.ApplyTo(newCall);
        }
        var changed = newCall is null && (languageChanged || outcomeChanged || changedAppointments);
        if (!await writer.WriteStepAsync(profile.BusinessId, session.CallId, newCall, turns, changed ? progress : null, cancellationToken))
        {
            return null;
        }
        session.Version = RecentCallSessions.NewVersion();
        await sessions.SetAsync(session.CallSid, JsonSerializer.Serialize(session, Json), SessionLifetime, cancellationToken);
        recent.Keep(session);
        notifier.Notify(profile.BusinessId);
        return new VoiceReply(reply, profile.TransferNumber, session.Version);
    }

    private async Task<ConversationContext> BuildContextAsync(BusinessProfile profile, CallSession session, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(profile.TimeZoneId) ?? DateTimeZone.Utc;
        var now = Instant.FromDateTimeUtc(nowUtc).InZone(zone).LocalDateTime;
        var today = now.Date.ToDateOnly();
        var closed = profile.Closures.Any(c => c.From <= today && today <= c.To);
        var open = !closed && profile.Hours.Any(h => h.Day == now.DayOfWeek && h.Opens <= now.TimeOfDay && now.TimeOfDay < h.Closes);
        var callerPhone = Domain.Customers.PhoneNumber.TryParse(session.From, out var phone) ? phone!.E164 : null;
        return new ConversationContext
        {
            BusinessName = profile.Name,
            DefaultLanguage = profile.DefaultLanguage,
            TimeZoneId = profile.TimeZoneId,
            Now = now,
            Services = profile.Services,
            Hours = profile.Hours,
            IsOpenNow = open,
            CanTransfer = open && !string.IsNullOrWhiteSpace(profile.TransferNumber),
            Address = profile.Address,
            CallerPhone = callerPhone,
            Caller = callerPhone is null ? null : await KnownCallerAsync(profile, session, callerPhone, zone, nowUtc, cancellationToken),
            PromptOverrides = profile.PromptOverrides,
        };
    }

    private async Task<KnownCaller?> KnownCallerAsync(
        BusinessProfile profile, CallSession session, string phone, DateTimeZone zone, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var key = CallerKey(profile.BusinessId, session.From);
        if (cache.TryGetValue(key, out KnownCaller? known))
        {
            return known;
        }
        known = database.DataSource is { } dataSource
            ? await ReadKnownCallerAsync(dataSource, profile.BusinessId, phone, zone, nowUtc, cancellationToken)
            : await QueryKnownCallerAsync(phone, zone, nowUtc, cancellationToken);
        if (known is not null)
        {
            session.CustomerId ??= known.CustomerId;
        }
        cache.Set(key, known, TimeSpan.FromSeconds(20));
        return known;
    }

    // Every new call looks its caller up by number: on PostgreSQL one fixed, auto-prepared statement (the customer and
    // up to five upcoming appointments with their service's names) instead of two EF Core queries.
    private const string KnownCallerSql = """
        SELECT c."Id", c."Name", c."Language", a."Id", a."ServiceId", s."Name", s."NameFr", a."StartUtc"
        FROM (SELECT "Id", "Name", "Language" FROM "Customers" WHERE "BusinessId" = $1 AND "Phone" = $2 LIMIT 1) AS c
        LEFT JOIN LATERAL (
            SELECT "Id", "ServiceId", "StartUtc" FROM "Appointments"
            WHERE "BusinessId" = $1 AND "CustomerId" = c."Id" AND "StartUtc" > $3 AND "Status" IN ('Booked', 'Confirmed')
            ORDER BY "StartUtc" LIMIT 5) AS a ON TRUE
        LEFT JOIN "Services" AS s ON s."Id" = a."ServiceId" AND s."BusinessId" = $1
        ORDER BY a."StartUtc"
        """;

    private static async Task<KnownCaller?> ReadKnownCallerAsync(
        Npgsql.NpgsqlDataSource dataSource, Guid businessId, string phone, DateTimeZone zone, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(KnownCallerSql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = businessId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = phone });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        KnownCaller? known = null;
        var upcoming = new List<UpcomingAppointment>();
        while (await reader.ReadAsync(cancellationToken))
        {
            known ??= new KnownCaller(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), upcoming);
            if (reader.IsDBNull(3) || reader.IsDBNull(5))
            {
                continue;
            }
            var name = known.Language!.StartsWith("fr", StringComparison.Ordinal) && !reader.IsDBNull(6) ? reader.GetString(6) : reader.GetString(5);
            upcoming.Add(new UpcomingAppointment(reader.GetGuid(3), reader.GetGuid(4), name,
                Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc)).InZone(zone).LocalDateTime));
        }
        return known;
    }

    private async Task<KnownCaller?> QueryKnownCallerAsync(string phone, DateTimeZone zone, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Phone == phone)
            .Select(c => new { c.Id, c.Name, c.Language }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var upcoming = await (
                from a in db.Appointments.AsNoTracking()
                where a.CustomerId == customer.Id && a.StartUtc > nowUtc && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed)
                join s in db.Services on a.ServiceId equals s.Id
                orderby a.StartUtc
                select new { a.Id, a.ServiceId, s.Name, s.NameFr, a.StartUtc })
            .Take(5).ToListAsync(cancellationToken);
        var french = customer.Language.StartsWith("fr", StringComparison.Ordinal);
        return new KnownCaller(customer.Id, customer.Name, customer.Language, upcoming
            .Select(u => new UpcomingAppointment(u.Id, u.ServiceId, french && u.NameFr is not null ? u.NameFr : u.Name,
                Instant.FromDateTimeUtc(DateTime.SpecifyKind(u.StartUtc, DateTimeKind.Utc)).InZone(zone).LocalDateTime))
            .ToList());
    }

    private static CallSession NewSession(Call call, BusinessProfile profile, int turnCount) => new()
    {
        BusinessId = profile.BusinessId,
        CallId = call.Id,
        CallSid = call.CallSid,
        From = call.From,
        To = call.To,
        IsTest = call.IsTest,
        StartedUtc = call.StartedUtc,
        TurnCount = turnCount,
        Language = profile.DefaultLanguage,
    };

    /// <summary>The call is already recorded (a retried or raced incoming webhook): carry on with it and its transcript.</summary>
    private async Task<CallSession> RecordedSessionAsync(string callSid, BusinessProfile profile, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant);
        var call = await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstAsync(c => c.CallSid == callSid, cancellationToken);
        var callId = call.Id;
        var turnCount = await db.CallTurns.IgnoreQueryFilters().Where(t => t.CallId == callId).MaxAsync(t => (int?)t.Sequence, cancellationToken) ?? 0;
        return NewSession(call, profile, turnCount);
    }

    private async Task<CallSession?> LoadAsync(string callSid, string? version, CancellationToken cancellationToken)
    {
        if (recent.Take(callSid, version) is { } kept)
        {
            return kept;
        }
        var json = await sessions.GetAsync(callSid, cancellationToken);
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<CallSession>(json, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Unreadable session for call {CallSid}; starting again", callSid);
            return null;
        }
    }

    private async Task UpdateCallAsync(Guid callId, Action<Call> change, CancellationToken cancellationToken)
    {
        await using var db = database.Create(tenant);
        var call = await db.Calls.FirstOrDefaultAsync(c => c.Id == callId, cancellationToken);
        if (call is not null)
        {
            change(call);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static string CallerKey(Guid businessId, string from) => $"vf:caller:{businessId}:{from}";
}
