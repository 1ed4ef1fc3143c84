using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>
/// Writes what a call step produced: the new call (on its first step), the transcript lines and the call's progress.
/// This runs on every Twilio webhook, so on PostgreSQL it is hand-written batches with fixed, auto-prepared statements,
/// and the steps of calls already recorded that arrive together share one round trip and one commit (group commit,
/// see <see cref="FlushPendingAsync"/>); a step returns once its lines are committed. EF Core's change tracking, its explicit
/// transaction and its per-row INSERTs cost more CPU than everything else the webhook does. Elsewhere (SQLite) EF Core
/// writes the same rows. Both follow the entities' own rules (<see cref="CallProgress.ApplyTo"/>, <see cref="Call.End"/>).
/// </summary>
public sealed class CallTranscriptWriter(DatabaseOptionsHolder database)
{
    private const int MaxFlushes = 2;
    private const int MaxStepsPerBatch = 64;
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingStep> _pending = new();
    private int _flushing;

    private const string InsertCall = """
        INSERT INTO "Calls" ("Id", "BusinessId", "CallSid", "From", "To", "Language", "StartedUtc", "Outcome", "CustomerId",
            "AppointmentId", "Summary", "IsTest", "TurnCount")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        """;

    // CallProgress.ApplyTo as SQL: links and outcome only overwrite with a value, the turn count never goes down.
    // The business is checked with IS NOT DISTINCT FROM, which no index serves, so the only way in is the primary key.
    // With a plain "BusinessId" = $2 the auto-prepared statement's generic plan, made while the table was still small,
    // could walk a (BusinessId, ...) index over every call of the business: 2.9 ms a step instead of 0.03 ms, measured.
    internal const string UpdateCall = """
        UPDATE "Calls" SET "Language" = $3, "TurnCount" = GREATEST("TurnCount", $4),
            "CustomerId" = COALESCE($5, "CustomerId"), "AppointmentId" = COALESCE($6, "AppointmentId"),
            "Outcome" = COALESCE($7, "Outcome"), "Summary" = CASE WHEN $7 IS NULL THEN "Summary" ELSE COALESCE($8, "Summary") END
        WHERE "Id" = $1 AND "BusinessId" IS NOT DISTINCT FROM $2
        """;

    // A step writes one or two lines (the caller's, the agent's); a group commit carries a few dozen. They go as
    // multi-row INSERTs of 16, 8, 4, 2 and 1 rows: a handful of fixed statements, each prepared once, cover any number
    // of lines in at most a few statements, and one statement of many rows costs PostgreSQL far less than as many
    // statements of one (executor start-up, locks, parse of the message). One unnest() statement over arrays cost
    // PostgreSQL more per line than plain VALUES.
    private const string TurnColumns = """INSERT INTO "CallTurns" ("Id", "BusinessId", "CallId", "Sequence", "Speaker", "Text", "Confidence", "AtUtc", "LatencyMs") VALUES """;
    private const int TurnParameters = 9;
    private static readonly int[] TurnChunkSizes = [16, 8, 4, 2, 1];
    private static readonly Dictionary<int, string> InsertTurns = TurnChunkSizes.ToDictionary(rows => rows, rows => TurnColumns + string.Join(", ",
        Enumerable.Range(0, rows).Select(row => "(" + string.Join(", ", Enumerable.Range(row * TurnParameters + 1, TurnParameters).Select(n => "$" + n)) + ")")));

    // Call.End as SQL: the first end wins, a known duration is kept, an unfinished call is abandoned.
    private const string EndCall = """
        UPDATE "Calls" SET "EndedUtc" = COALESCE("EndedUtc", $2),
            "DurationSeconds" = COALESCE($3, "DurationSeconds", GREATEST(0, floor(extract(epoch FROM ($2 - "StartedUtc"))))::integer),
            "TwilioStatus" = COALESCE($4, "TwilioStatus"),
            "Outcome" = CASE WHEN "Outcome" = 'InProgress' THEN 'Abandoned' ELSE "Outcome" END,
            "TurnCount" = GREATEST("TurnCount", $5, (SELECT max(t."Sequence") FROM "CallTurns" t WHERE t."CallId" = "Calls"."Id"))
        WHERE "CallSid" = $1
        RETURNING "BusinessId"
        """;

    /// <summary>
    /// Writes one step. With <paramref name="newCall"/> the call is inserted first (its progress already applied);
    /// otherwise <paramref name="progress"/>, when given, updates the recorded call. Returns false, having written
    /// nothing, when the new call's CallSid is already recorded (a retried webhook that raced the first one).
    /// </summary>
    public async Task<bool> WriteStepAsync(
        Guid businessId, Guid callId, Call? newCall, IReadOnlyList<CallTurn> turns, CallProgress? progress, CancellationToken cancellationToken)
    {
        if (database.DataSource is { } dataSource)
        {
            return await WritePostgresAsync(dataSource, businessId, callId, newCall, turns, progress, cancellationToken);
        }
        await using var db = database.Create(tenant: null);
        if (newCall is not null)
        {
            db.Calls.Add(newCall);
        }
        else if (progress is not null && await db.Calls.IgnoreQueryFilters()
                     .FirstOrDefaultAsync(c => c.Id == callId && c.BusinessId == businessId, cancellationToken) is { } call)
        {
            progress.ApplyTo(call);
        }
        db.CallTurns.AddRange(turns);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (newCall is not null)
        {
            return false;
        }
    }

    /// <summary>
    /// Twilio's status callback: the call ended. Returns the call's business, or null for a call never recorded. The
    /// call's turn count becomes the highest of the recorded one, <paramref name="turnCount"/> and its transcript's.
    /// </summary>
    public async Task<Guid?> EndAsync(string callSid, DateTime endedUtc, int? durationSeconds, string? twilioStatus, int turnCount, CancellationToken cancellationToken)
    {
        if (database.DataSource is { } dataSource)
        {
            await using var command = dataSource.CreateCommand(EndCall);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = callSid });
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = endedUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(Nullable(durationSeconds, NpgsqlDbType.Integer));
            command.Parameters.Add(Text(twilioStatus));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = turnCount });
            return await command.ExecuteScalarAsync(cancellationToken) is Guid businessId ? businessId : null;
        }
        await using var db = database.Create(tenant: null);
        var call = await db.Calls.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.CallSid == callSid, cancellationToken);
        if (call is null)
        {
            return null;
        }
        var callId = call.Id;
        var recorded = await db.CallTurns.IgnoreQueryFilters().Where(t => t.CallId == callId).MaxAsync(t => (int?)t.Sequence, cancellationToken) ?? 0;
        call.End(endedUtc, durationSeconds, twilioStatus);
        call.CountTurns(Math.Max(turnCount, recorded));
        await db.SaveChangesAsync(cancellationToken);
        return call.BusinessId;
    }

    /// <summary>A step of a call already recorded, waiting for its turn in a shared batch.</summary>
    private sealed record PendingStep(Guid BusinessId, Guid CallId, IReadOnlyList<CallTurn> Turns, CallProgress? Progress, CancellationToken CallerGaveUp)
    {
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task<bool> WritePostgresAsync(
        NpgsqlDataSource dataSource, Guid businessId, Guid callId, Call? newCall, IReadOnlyList<CallTurn> turns, CallProgress? progress,
        CancellationToken cancellationToken)
    {
        if (newCall is null)
        {
            if (turns.Count == 0 && progress is null)
            {
                return true;
            }
            var step = new PendingStep(businessId, callId, turns, progress, cancellationToken);
            _pending.Enqueue(step);
            await FlushPendingAsync(dataSource);
            await step.Written.Task.WaitAsync(cancellationToken);
            return true;
        }
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(InsertCall,
            Value(newCall.Id), Value(newCall.BusinessId), Text(newCall.CallSid), Text(newCall.From), Text(newCall.To), Text(newCall.Language),
            new NpgsqlParameter<DateTime> { TypedValue = newCall.StartedUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            Text(newCall.Outcome.ToString()), Nullable(newCall.CustomerId, NpgsqlDbType.Uuid), Nullable(newCall.AppointmentId, NpgsqlDbType.Uuid),
            Text(newCall.Summary), Value(newCall.IsTest), Value(newCall.TurnCount)));
        AddTurns(batch, turns);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>
    /// Group commit: the steps that arrived while earlier batches were in flight go together, one round trip and one
    /// commit for all of them (at most <see cref="MaxFlushes"/> batches in flight). Under load a batch carries a dozen
    /// webhooks' lines; alone, a step goes at once. A batch is one transaction: if it fails, each of its steps is
    /// written again on its own, so a bad step fails alone and its caller sees its own error.
    /// </summary>
    private async Task FlushPendingAsync(NpgsqlDataSource dataSource)
    {
        while (!_pending.IsEmpty)
        {
            var flushing = Volatile.Read(ref _flushing);
            if (flushing >= MaxFlushes)
            {
                // Every flush slot is busy; the flush that finishes next takes this step (it looks again after it has
                // given its slot back).
                return;
            }
            if (Interlocked.CompareExchange(ref _flushing, flushing + 1, flushing) != flushing)
            {
                continue;
            }
            var steps = new List<PendingStep>();
            try
            {
                while (steps.Count < MaxStepsPerBatch && _pending.TryDequeue(out var next))
                {
                    // A caller that gave up while its step waited (its time budget ran out) has answered Twilio with
                    // an apology and will not save its session: its lines must not be written either.
                    if (next.CallerGaveUp.IsCancellationRequested)
                    {
                        next.Written.TrySetCanceled(next.CallerGaveUp);
                        continue;
                    }
                    steps.Add(next);
                }
                if (steps.Count > 0)
                {
                    await WriteStepsAsync(dataSource, steps);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _flushing);
            }
        }
    }

    private static async Task WriteStepsAsync(NpgsqlDataSource dataSource, List<PendingStep> steps)
    {
        try
        {
            await ExecuteStepsAsync(dataSource, steps);
            steps.ForEach(s => s.Written.TrySetResult());
            return;
        }
        catch (Exception ex) when (steps.Count == 1)
        {
            steps[0].Written.TrySetException(ex);
            return;
        }
        catch (Exception)
        {
            // One of them (or the connection) failed the whole transaction: each on its own now, so that no step is
            // left without an answer and each caller gets its own step's outcome.
        }
        foreach (var step in steps)
        {
            try
            {
                await ExecuteStepsAsync(dataSource, [step]);
                step.Written.TrySetResult();
            }
            catch (Exception ex)
            {
                step.Written.TrySetException(ex);
            }
        }
    }

    private static async Task ExecuteStepsAsync(NpgsqlDataSource dataSource, IReadOnlyList<PendingStep> steps)
    {
        await using var batch = dataSource.CreateBatch();
        // Every step's lines first (in as few statements as their number allows), then the calls' progress: one
        // transaction either way.
        AddTurns(batch, steps.Count == 1 ? steps[0].Turns : steps.SelectMany(s => s.Turns).ToList());
        foreach (var step in steps)
        {
            if (step.Progress is { } progress)
            {
                var outcome = progress.Outcome is { } o && o != CallOutcome.Voicemail ? o.ToString() : null;
                batch.BatchCommands.Add(Command(UpdateCall,
                    Value(step.CallId), Value(step.BusinessId), Text(Domain.Common.Language.Normalize(progress.Language)), Value(progress.TurnCount),
                    Nullable(progress.CustomerId, NpgsqlDbType.Uuid), Nullable(progress.AppointmentId, NpgsqlDbType.Uuid),
                    Text(outcome), Text(progress.Summary)));
            }
        }
        // Not the caller's token: the batch carries other callers' steps too. The command timeout still bounds it.
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static void AddTurns(NpgsqlBatch batch, IReadOnlyList<CallTurn> turns)
    {
        var next = 0;
        while (next < turns.Count)
        {
            var rows = TurnChunkSizes.First(size => size <= turns.Count - next);
            var command = new NpgsqlBatchCommand(InsertTurns[rows]);
            for (var j = next; j < next + rows; j++)
            {
                var turn = turns[j];
                command.Parameters.Add(Value(turn.Id));
                command.Parameters.Add(Value(turn.BusinessId));
                command.Parameters.Add(Value(turn.CallId));
                command.Parameters.Add(Value(turn.Sequence));
                command.Parameters.Add(Text(turn.Speaker.ToString()));
                command.Parameters.Add(Text(turn.Text));
                command.Parameters.Add(Nullable(turn.Confidence, NpgsqlDbType.Double));
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = turn.AtUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(Nullable(turn.LatencyMs, NpgsqlDbType.Integer));
            }
            batch.BatchCommands.Add(command);
            next += rows;
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params DbParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<T> Value<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Nullable<T>(T? value, NpgsqlDbType type) where T : struct =>
        new() { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = type };
}
