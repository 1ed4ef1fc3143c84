using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Testing;

namespace VoiceFlow.Infrastructure.Tests.Persistence;

/// <summary>
/// The hot path's writer: hand-written SQL on PostgreSQL, EF Core on SQLite. Both must store exactly what the entities'
/// own rules (<see cref="CallProgress.ApplyTo"/>, <see cref="Call.End"/>) say, so every case runs on both.
/// </summary>
public sealed class CallTranscriptWriterTests(TestServers servers)
{
    private static readonly DateTime Started = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static async Task<Guid> SeedBusinessAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var business = new Business("Maple Dental", "America/Toronto", "en-CA");
        db.Businesses.Add(business);
        await db.SaveChangesAsync(Ct);
        return business.Id;
    }

    private static async Task<(Guid CustomerId, Guid AppointmentId)> SeedAppointmentAsync(TestDatabase database, Guid businessId)
    {
        await using var db = database.Context(businessId);
        var service = new Service(businessId, "Cleaning", TimeSpan.FromMinutes(60), 140.50m);
        var staff = new StaffMember(businessId, "Dr. Chen");
        var customer = new Customer(businessId, "Marie Tremblay", PhoneNumber.Parse("416 555 0123"), "fr-CA", Started);
        var appointment = Appointment.Book(businessId, customer.Id, service.Id, staff.Id, Started.AddDays(3), Started.AddDays(3).AddHours(1), AppointmentSource.Phone, Started, "CA0002");
        db.AddRange(service, staff, customer, appointment);
        await db.SaveChangesAsync(Ct);
        return (customer.Id, appointment.Id);
    }

    private static List<CallTurn> Turns(Guid businessId, Guid callId, int from, params (Speaker Speaker, string Text, double? Confidence)[] lines) =>
        lines.Select((l, i) => CallTurn.Record(businessId, callId, from + i, l.Speaker, l.Text, l.Confidence, Started.AddSeconds(from + i), l.Speaker == Speaker.Agent ? 12 : null)).ToList();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_new_call_is_stored_with_its_first_lines_and_a_retried_one_writes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var call = new Call(businessId, "CA0001", "+14165550123", "+15555550100", "fr-CA", Started);
        new CallProgress("fr-CA", 1, null, null, null, null).ApplyTo(call);

        // Three lines (on PostgreSQL a statement of two rows and one of one).
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, Turns(businessId, call.Id, 1,
            (Speaker.Agent, "Bonjour, Maple Dental.", null), (Speaker.Caller, "un rendez-vous", 0.64), (Speaker.Agent, "Pour quel service?", null)), null, Ct));

        var retry = new Call(businessId, "CA0001", "+14165550123", "+15555550100", "fr-CA", Started.AddSeconds(1));
        Assert.False(await writer.WriteStepAsync(businessId, retry.Id, retry, Turns(businessId, retry.Id, 1, (Speaker.Agent, "Bonjour encore.", null)), null, Ct));

        await using var db = database.Context(businessId);
        var stored = await db.Calls.SingleAsync(Ct);
        Assert.Equal((call.Id, "CA0001", "+14165550123", "fr-CA", CallOutcome.InProgress, 1, Started), (stored.Id, stored.CallSid, stored.From, stored.Language, stored.Outcome, stored.TurnCount, stored.StartedUtc));
        Assert.Null(stored.EndedUtc);
        var lines = await db.CallTurns.OrderBy(t => t.Sequence).ToListAsync(Ct);
        Assert.Equal(
            [(call.Id, 1, Speaker.Agent, "Bonjour, Maple Dental.", (double?)null, (int?)12), (call.Id, 2, Speaker.Caller, "un rendez-vous", 0.64, null),
                (call.Id, 3, Speaker.Agent, "Pour quel service?", null, 12)],
            lines.Select(l => (l.CallId, l.Sequence, l.Speaker, l.Text, l.Confidence, l.LatencyMs)).ToList());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Any_number_of_lines_is_stored_exactly_once_each_field_intact(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var call = new Call(businessId, "CA-many", "+14165550123", "+15555550100", "en-CA", Started);
        // 31 lines: on PostgreSQL one statement each of 16, 8, 4, 2 and 1 rows.
        var lines = Enumerable.Range(0, 31).Select(i => i % 2 == 0
            ? (Speaker.Caller, $"caller line {i}, l'été", (double?)(0.5 + i / 100.0))
            : (Speaker.Agent, $"agent line {i}", (double?)null)).ToArray();
        var turns = Turns(businessId, call.Id, 1, lines);

        Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, turns, null, Ct));

        await using var db = database.Context(businessId);
        var stored = await db.CallTurns.OrderBy(t => t.Sequence).ToListAsync(Ct);
        Assert.Equal(
            turns.Select(t => (t.Id, t.CallId, t.Sequence, t.Speaker, t.Text, t.Confidence, t.AtUtc, t.LatencyMs)).ToList(),
            stored.Select(t => (t.Id, t.CallId, t.Sequence, t.Speaker, t.Text, t.Confidence, t.AtUtc, t.LatencyMs)).ToList());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Progress_follows_the_calls_own_rules(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var call = new Call(businessId, "CA0002", "+14165550123", "+15555550100", "en-CA", Started);
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, [], null, Ct));
        var (customerId, appointmentId) = await SeedAppointmentAsync(database, businessId);

        // Booked: links, outcome and summary recorded, two lines with the caller's confidence.
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, null,
            Turns(businessId, call.Id, 2, (Speaker.Caller, "yes please", 0.87), (Speaker.Agent, "You're booked.", null)),
            new CallProgress("fr-CA", 3, customerId, appointmentId, CallOutcome.Booked, "Cleaning, Monday 9:00"), Ct));
        // A later step without links or outcome keeps them, and a lower turn count never lowers it.
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, null, [], new CallProgress("en-CA", 2, null, null, null, "ignored without an outcome"), Ct));
        // A voicemail is not a step's outcome (it comes with its recording).
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, null, [], new CallProgress("en-CA", 3, null, null, CallOutcome.Voicemail, null), Ct));

        var expected = new Call(businessId, "CA0002", "+14165550123", "+15555550100", "en-CA", Started);
        new CallProgress("fr-CA", 3, customerId, appointmentId, CallOutcome.Booked, "Cleaning, Monday 9:00").ApplyTo(expected);
        new CallProgress("en-CA", 2, null, null, null, "ignored without an outcome").ApplyTo(expected);
        new CallProgress("en-CA", 3, null, null, CallOutcome.Voicemail, null).ApplyTo(expected);

        await using var db = database.Context(businessId);
        var stored = await db.Calls.SingleAsync(Ct);
        Assert.Equal((expected.Language, expected.TurnCount, expected.CustomerId, expected.AppointmentId, expected.Outcome, expected.Summary),
            (stored.Language, stored.TurnCount, stored.CustomerId, stored.AppointmentId, stored.Outcome, stored.Summary));
        Assert.Equal(("en-CA", 3, (Guid?)customerId, (Guid?)appointmentId, CallOutcome.Booked, "Cleaning, Monday 9:00"),
            (stored.Language, stored.TurnCount, stored.CustomerId, stored.AppointmentId, stored.Outcome, stored.Summary));
        var lines = await db.CallTurns.OrderBy(t => t.Sequence).ToListAsync(Ct);
        Assert.Equal([(2, Speaker.Caller, "yes please", (double?)0.87), (3, Speaker.Agent, "You're booked.", null)],
            lines.Select(l => (l.Sequence, l.Speaker, l.Text, l.Confidence)).ToList());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Another_business_cannot_update_a_call(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var businessId = await SeedBusinessAsync(database);
        var otherId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var call = new Call(businessId, "CA0003", "+14165550123", "+15555550100", "en-CA", Started);
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, [], null, Ct));

        await writer.WriteStepAsync(otherId, call.Id, null, [], new CallProgress("fr-CA", 9, null, null, CallOutcome.Cancelled, "not yours"), Ct);

        await using var db = database.Context(businessId);
        var stored = await db.Calls.SingleAsync(Ct);
        Assert.Equal(("en-CA", 0, CallOutcome.InProgress), (stored.Language, stored.TurnCount, stored.Outcome));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ending_a_call_follows_Call_End_and_is_safe_to_repeat(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var unfinished = new Call(businessId, "CA0004", "+14165550123", "+15555550100", "en-CA", Started);
        var booked = new Call(businessId, "CA0005", "+14165550123", "+15555550100", "en-CA", Started);
        booked.RecordOutcome(CallOutcome.Booked, "booked");
        Assert.True(await writer.WriteStepAsync(businessId, unfinished.Id, unfinished, [], null, Ct));
        Assert.True(await writer.WriteStepAsync(businessId, booked.Id, booked, [], null, Ct));

        // No duration from Twilio: computed from the start; a second callback changes neither the end nor the duration.
        Assert.Equal(businessId, await writer.EndAsync("CA0004", Started.AddMilliseconds(75_600), null, "completed", 6, Ct));
        Assert.Equal(businessId, await writer.EndAsync("CA0004", Started.AddMinutes(9), null, null, 2, Ct));
        Assert.Equal(businessId, await writer.EndAsync("CA0005", Started.AddSeconds(40), 42, "completed", 8, Ct));
        Assert.Null(await writer.EndAsync("CA-never-seen", Started, 10, "completed", 1, Ct));

        await using var db = database.Context(businessId);
        var calls = await db.Calls.OrderBy(c => c.CallSid).ToListAsync(Ct);
        Assert.Equal(("CA0004", Started.AddMilliseconds(75_600), (int?)75, "completed", CallOutcome.Abandoned, 6),
            (calls[0].CallSid, calls[0].EndedUtc!.Value, calls[0].DurationSeconds, calls[0].TwilioStatus, calls[0].Outcome, calls[0].TurnCount));
        Assert.Equal(("CA0005", Started.AddSeconds(40), (int?)42, "completed", CallOutcome.Booked, 8),
            (calls[1].CallSid, calls[1].EndedUtc!.Value, calls[1].DurationSeconds, calls[1].TwilioStatus, calls[1].Outcome, calls[1].TurnCount));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ending_a_call_counts_the_turns_its_transcript_holds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var call = new Call(businessId, "CA0006", "+14165550123", "+15555550100", "en-CA", Started);
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, Turns(businessId, call.Id, 1, (Speaker.Agent, "Hello", null)), null, Ct));
        // Later steps whose progress never touched the call row: only the transcript knows how far the call went.
        Assert.True(await writer.WriteStepAsync(businessId, call.Id, null,
            Turns(businessId, call.Id, 2, (Speaker.Caller, "opening hours", 0.9), (Speaker.Agent, "We open at nine.", null), (Speaker.Caller, "thanks", 0.8)), null, Ct));

        Assert.Equal(businessId, await writer.EndAsync("CA0006", Started.AddSeconds(30), 30, "completed", 0, Ct));

        await using var db = database.Context(businessId);
        Assert.Equal(4, (await db.Calls.SingleAsync(Ct)).TurnCount);
    }

    [Fact]
    public async Task Progress_update_reaches_the_call_by_its_primary_key_even_in_a_generic_plan_on_a_young_table()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        for (var i = 0; i < 3; i++)
        {
            var call = new Call(businessId, $"CA-young-{i}", "+14165550123", "+15555550100", "en-CA", Started.AddMinutes(i));
            Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, [], null, Ct));
        }

        // Npgsql auto-prepares the statement; after a few runs PostgreSQL may switch to a generic plan, made from the
        // statistics of the moment. Force that plan on a table with no statistics yet, the worst case.
        await using var connection = await database.Holder.DataSource!.OpenConnectionAsync(Ct);
        await using (var setup = new Npgsql.NpgsqlCommand("SET plan_cache_mode = force_generic_plan", connection))
        {
            await setup.ExecuteNonQueryAsync(Ct);
        }
        await using (var prepare = new Npgsql.NpgsqlCommand(
            "PREPARE progress(uuid, uuid, text, integer, uuid, uuid, text, text) AS " + CallTranscriptWriter.UpdateCall, connection))
        {
            await prepare.ExecuteNonQueryAsync(Ct);
        }
        await using var explain = new Npgsql.NpgsqlCommand(
            $"EXPLAIN EXECUTE progress('{Guid.NewGuid()}', '{businessId}', 'en-CA', 2, NULL, NULL, NULL, NULL)", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(0));
            }
        }
        Assert.Contains(plan, line => line.Contains("\"PK_Calls\"", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("IX_Calls_BusinessId", StringComparison.Ordinal));
    }
    [Fact]
    public async Task Steps_arriving_together_are_all_committed_and_a_bad_one_fails_alone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var calls = Enumerable.Range(0, 40).Select(i => new Call(businessId, $"CA-group-{i:D2}", "+14165550123", "+15555550100", "en-CA", Started.AddSeconds(i))).ToList();
        foreach (var call in calls)
        {
            Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, Turns(businessId, call.Id, 1, (Speaker.Agent, "Hello.", null)), null, Ct));
        }

        // Forty callers answer at the same moment, and one step names a call that was never recorded (its line breaks
        // the foreign key). Another session holds the first two calls' rows, so the first two steps wait in PostgreSQL
        // with both flush slots, and everything after them queues up and goes as one batch with the bad step in it.
        var ghost = Guid.NewGuid();
        await using (var hold = await CallRowLock.TakeAsync(database, calls[0].Id, calls[1].Id))
        {
            var steps = new List<Task<bool>>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = calls[i];
                steps.Add(Task.Run(() => writer.WriteStepAsync(businessId, call.Id, null,
                    Turns(businessId, call.Id, 2, (Speaker.Caller, "what are your hours", 0.9), (Speaker.Agent, "We open at nine.", null)),
                    new CallProgress("en-CA", 3, null, null, CallOutcome.Information, "Hours"), Ct), Ct));
                if (i < 2)
                {
                    await WaitForLockWaitsAsync(database, i + 1);
                }
            }
            var bad = Task.Run(() => writer.WriteStepAsync(businessId, ghost, null, Turns(businessId, ghost, 1, (Speaker.Caller, "who am I", 0.5)), null, Ct), Ct);
            await Task.Delay(200, Ct);
            Assert.All(steps, s => Assert.False(s.IsCompleted));
            await hold.ReleaseAsync();

            Assert.All(await Task.WhenAll(steps), Assert.True);
            var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => bad);
            Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        }

        await using var db = database.Context(businessId);
        var lines = await db.CallTurns.GroupBy(t => t.CallId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(t => t.Sequence) }).ToListAsync(Ct);
        Assert.Equal(40, lines.Count);
        Assert.All(lines, l => Assert.Equal((3, 3), (l.Count, l.Last)));
        Assert.False(await db.CallTurns.AnyAsync(t => t.CallId == ghost, Ct));
        Assert.All(await db.Calls.ToListAsync(Ct), c => Assert.Equal((3, CallOutcome.Information, "Hours"), (c.TurnCount, c.Outcome, c.Summary)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task New_calls_steps_and_ends_arriving_together_each_get_their_own_outcome(bool withRetriedNewCall)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var held = Enumerable.Range(0, 2).Select(i => new Call(businessId, $"CA-held-{i}", "+14165550123", "+15555550100", "en-CA", Started)).ToList();
        var ending = Enumerable.Range(0, 3).Select(i => new Call(businessId, $"CA-ending-{i}", "+14165550123", "+15555550100", "en-CA", Started)).ToList();
        foreach (var call in held.Concat(ending))
        {
            Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, Turns(businessId, call.Id, 1, (Speaker.Agent, "Hello.", null)), null, Ct));
        }

        // Two steps wait in PostgreSQL on rows another session holds, with both flush slots; everything after them
        // queues up and goes as one batch: new calls with their greetings, the ends of three calls and of one never
        // recorded, and (in the second case) Twilio's retry of a new call already recorded, which fails that batch's
        // transaction, so that each of its writes is made again on its own.
        var arriving = Enumerable.Range(0, 3).Select(i => new Call(businessId, $"CA-new-{i}", "+14165550123", "+15555550100", "fr-CA", Started.AddSeconds(i))).ToList();
        await using (var hold = await CallRowLock.TakeAsync(database, held[0].Id, held[1].Id))
        {
            var steps = new List<Task<bool>>();
            for (var i = 0; i < 2; i++)
            {
                var call = held[i];
                steps.Add(Task.Run(() => writer.WriteStepAsync(businessId, call.Id, null, Turns(businessId, call.Id, 2, (Speaker.Caller, "hours?", 0.9)),
                    new CallProgress("en-CA", 2, null, null, CallOutcome.Information, "Hours"), Ct), Ct));
                await WaitForLockWaitsAsync(database, i + 1);
            }
            var ends = ending.Select((call, i) => Task.Run(() => writer.EndAsync(call.CallSid, Started.AddSeconds(30 + i), 30 + i, "completed", 0, Ct), Ct)).ToList();
            var unknownEnd = Task.Run(() => writer.EndAsync("CA-never-seen", Started.AddSeconds(30), 30, "completed", 0, Ct), Ct);
            var news = arriving.Select(call => Task.Run(() => writer.WriteStepAsync(businessId, call.Id, call,
                Turns(businessId, call.Id, 1, (Speaker.Agent, "Bonjour.", null)), null, Ct), Ct)).ToList();
            var retry = new Call(businessId, ending[0].CallSid, "+14165550123", "+15555550100", "en-CA", Started.AddSeconds(5));
            var retried = withRetriedNewCall
                ? Task.Run(() => writer.WriteStepAsync(businessId, retry.Id, retry, Turns(businessId, retry.Id, 1, (Speaker.Agent, "Hello again.", null)), null, Ct), Ct)
                : Task.FromResult(false);
            await Task.Delay(200, Ct);
            Assert.All(ends, e => Assert.False(e.IsCompleted));
            await hold.ReleaseAsync();

            Assert.All(await Task.WhenAll(steps), Assert.True);
            Assert.All(await Task.WhenAll(ends), b => Assert.Equal(businessId, b));
            Assert.Null(await unknownEnd);
            Assert.All(await Task.WhenAll(news), Assert.True);
            Assert.False(await retried);
        }

        await using var db = database.Context(businessId);
        var calls = await db.Calls.ToDictionaryAsync(c => c.CallSid, Ct);
        Assert.Equal(8, calls.Count);
        Assert.All(held, c => Assert.Equal((CallOutcome.Information, 2, (DateTime?)null), (calls[c.CallSid].Outcome, calls[c.CallSid].TurnCount, calls[c.CallSid].EndedUtc)));
        Assert.All(ending.Select((c, i) => (c, i)), e => Assert.Equal(
            (CallOutcome.Abandoned, (DateTime?)Started.AddSeconds(30 + e.i), (int?)(30 + e.i), 1),
            (calls[e.c.CallSid].Outcome, calls[e.c.CallSid].EndedUtc, calls[e.c.CallSid].DurationSeconds, calls[e.c.CallSid].TurnCount)));
        Assert.All(arriving, c => Assert.Equal((c.Id, "fr-CA", (DateTime?)null), (calls[c.CallSid].Id, calls[c.CallSid].Language, calls[c.CallSid].EndedUtc)));
        var lines = await db.CallTurns.GroupBy(t => t.CallId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct);
        Assert.Equal(8, lines.Count);
        Assert.All(held, c => Assert.Equal(2, lines[c.Id]));
        Assert.All(ending.Concat(arriving), c => Assert.Equal(1, lines[c.Id]));
    }

    [Fact]
    public async Task A_step_whose_caller_gave_up_while_it_waited_is_not_written()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers);
        var businessId = await SeedBusinessAsync(database);
        var writer = new CallTranscriptWriter(database.Holder);
        var calls = Enumerable.Range(0, 3).Select(i => new Call(businessId, $"CA-gave-up-{i}", "+14165550123", "+15555550100", "en-CA", Started.AddSeconds(i))).ToList();
        foreach (var call in calls)
        {
            Assert.True(await writer.WriteStepAsync(businessId, call.Id, call, [], null, Ct));
        }

        // Two steps wait in PostgreSQL on rows another session holds, with both flush slots; the third waits in the
        // queue, and its caller's budget runs out there.
        await using (var hold = await CallRowLock.TakeAsync(database, calls[0].Id, calls[1].Id))
        {
            var held = new List<Task<bool>>();
            for (var i = 0; i < 2; i++)
            {
                var call = calls[i];
                held.Add(Task.Run(() => writer.WriteStepAsync(businessId, call.Id, null, Turns(businessId, call.Id, 1, (Speaker.Caller, "hello", 0.9)), null, Ct), Ct));
                await WaitForLockWaitsAsync(database, i + 1);
            }
            using var budget = new CancellationTokenSource();
            var late = Task.Run(() => writer.WriteStepAsync(businessId, calls[2].Id, null, Turns(businessId, calls[2].Id, 1, (Speaker.Caller, "too late", 0.9)), null, budget.Token), Ct);
            await Task.Delay(200, Ct);
            await budget.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late);
            await hold.ReleaseAsync();
            Assert.All(await Task.WhenAll(held), Assert.True);
        }

        // The next writer to flush drops it rather than writing it.
        Assert.True(await writer.WriteStepAsync(businessId, calls[0].Id, null, Turns(businessId, calls[0].Id, 2, (Speaker.Agent, "hi", null)), null, Ct));
        await using var db = database.Context(businessId);
        Assert.False(await db.CallTurns.AnyAsync(t => t.CallId == calls[2].Id, Ct));
        Assert.Equal(2, await db.CallTurns.CountAsync(t => t.CallId == calls[0].Id, Ct));
    }

    /// <summary>Another session's transaction holding calls' rows, so that steps writing to them wait in PostgreSQL.</summary>
    private sealed class CallRowLock(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public static async Task<CallRowLock> TakeAsync(TestDatabase database, params Guid[] callIds)
        {
            var connection = new Npgsql.NpgsqlConnection(database.Holder.DirectConnectionString);
            await connection.OpenAsync(Ct);
            var transaction = await connection.BeginTransactionAsync(Ct);
            await using var lockRows = new Npgsql.NpgsqlCommand("""SELECT 1 FROM "Calls" WHERE "Id" = ANY($1) FOR UPDATE""", connection, transaction);
            lockRows.Parameters.Add(new Npgsql.NpgsqlParameter<Guid[]> { TypedValue = callIds });
            await lockRows.ExecuteNonQueryAsync(Ct);
            return new CallRowLock(connection, transaction);
        }

        public Task ReleaseAsync() => transaction.CommitAsync(Ct);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private static async Task WaitForLockWaitsAsync(TestDatabase database, int waiting)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await using var count = database.Holder.DataSource!.CreateCommand(
                "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if ((int)(await count.ExecuteScalarAsync(Ct))! >= waiting)
            {
                return;
            }
            await Task.Delay(20, Ct);
        }
        Assert.Fail($"{waiting} steps never waited for the held rows");
    }
}
