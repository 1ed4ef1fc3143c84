using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>
/// Writes what a call step produced (the new call on its first step, the transcript lines, the call's progress) and the
/// call's end. This runs on every Twilio webhook, so on PostgreSQL it is hand-written batches with fixed, auto-prepared
/// statements, and the writes that arrive together share one round trip and one commit (group commit, see
/// <see cref="FlushPendingAsync"/>); a write returns once it is committed. EF Core's change tracking, its explicit
/// transaction and its per-row INSERTs cost more CPU than everything else the webhook does. Elsewhere (SQLite) EF Core
/// writes the same rows. Both follow the entities' own rules (<see cref="CallProgress.ApplyTo"/>, <see cref="Call.End"/>).
/// </summary>
public sealed class CallTranscriptWriter(DatabaseOptionsHolder database)
{
    private const int MaxFlushes = 2;
    private const int MaxStepsPerBatch = 64;
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingWrite> _pending = new();
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
            if (newCall is null && turns.Count == 0 && progress is null)
            {
                return true;
            }
            return await WriteAsync(dataSource, new PendingWrite(businessId, callId, newCall, turns, progress, null, cancellationToken)) is not null;
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
            return await WriteAsync(dataSource, new PendingWrite(Guid.Empty, Guid.Empty, null, [], null,
                new CallEnd(callSid, endedUtc, durationSeconds, twilioStatus, turnCount), cancellationToken));
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

    private sealed record CallEnd(string CallSid, DateTime EndedUtc, int? DurationSeconds, string? TwilioStatus, int TurnCount);

    /// <summary>
    /// What one webhook writes, waiting for its turn in a shared batch: a call step (a new call with its first lines,
    /// or a recorded call's lines and progress) or a call's end. <see cref="Written"/> gives the call's business, or
    /// null when nothing was written (a new call whose CallSid is already recorded, the end of a call never recorded).
    /// </summary>
    private sealed record PendingWrite(
        Guid BusinessId, Guid CallId, Call? NewCall, IReadOnlyList<CallTurn> Turns, CallProgress? Progress, CallEnd? End, CancellationToken CallerGaveUp)
    {
        public TaskCompletionSource<Guid?> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task<Guid?> WriteAsync(NpgsqlDataSource dataSource, PendingWrite write)
    {
        _pending.Enqueue(write);
        await FlushPendingAsync(dataSource);
        return await write.Written.Task.WaitAsync(write.CallerGaveUp);
    }

    /// <summary>
    /// Group commit: the writes that arrived while earlier batches were in flight go together, one round trip and one
    /// commit for all of them (at most <see cref="MaxFlushes"/> batches in flight). Under load a batch carries a dozen
    /// webhooks' writes (new calls, lines, progress, ends); alone, a write goes at once. A batch is one transaction: if
    /// it fails, each of its writes is made again on its own, so a bad one fails alone and its caller sees its own
    /// outcome (a new call already recorded is not an error: it writes nothing).
    /// </summary>
    private async Task FlushPendingAsync(NpgsqlDataSource dataSource)
    {
        while (!_pending.IsEmpty)
        {
            var flushing = Volatile.Read(ref _flushing);
            if (flushing >= MaxFlushes)
            {
                // Every flush slot is busy; the flush that finishes next takes this write (it looks again after it has
                // given its slot back).
                return;
            }
            if (Interlocked.CompareExchange(ref _flushing, flushing + 1, flushing) != flushing)
            {
                continue;
            }
            var writes = new List<PendingWrite>();
            try
            {
                while (writes.Count < MaxStepsPerBatch && _pending.TryDequeue(out var next))
                {
                    // A caller that gave up while its write waited (its time budget ran out) has answered Twilio with
                    // an apology and will not save its session: its lines must not be written either.
                    if (next.CallerGaveUp.IsCancellationRequested)
                    {
                        next.Written.TrySetCanceled(next.CallerGaveUp);
                        continue;
                    }
                    writes.Add(next);
                }
                if (writes.Count > 0)
                {
                    await WriteBatchAsync(dataSource, writes);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _flushing);
            }
        }
    }

    private static async Task WriteBatchAsync(NpgsqlDataSource dataSource, List<PendingWrite> writes)
    {
        if (writes.Count > 1)
        {
            try
            {
                var written = await ExecuteAsync(dataSource, writes);
                for (var i = 0; i < writes.Count; i++)
                {
                    writes[i].Written.TrySetResult(written[i]);
                }
                return;
            }
            catch (Exception)
            {
                // One of them (or the connection) failed the whole transaction: each on its own now, so that no write
                // is left without an answer and each caller gets its own write's outcome.
            }
        }
        foreach (var write in writes)
        {
            try
            {
                write.Written.TrySetResult((await ExecuteAsync(dataSource, [write]))[0]);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && write.NewCall is not null)
            {
                // Twilio sent the same new call again and the first one is recorded: nothing written.
                write.Written.TrySetResult(null);
            }
            catch (Exception ex)
            {
                write.Written.TrySetException(ex);
            }
        }
    }

    /// <summary>One transaction: the new calls, every line (in as few statements as their number allows), the calls' progress, the ends.</summary>
    private static async Task<Guid?[]> ExecuteAsync(NpgsqlDataSource dataSource, IReadOnlyList<PendingWrite> writes)
    {
        await using var batch = dataSource.CreateBatch();
        var ends = 0;
        foreach (var write in writes)
        {
            if (write.NewCall is { } call)
            {
                batch.BatchCommands.Add(Command(InsertCall,
                    Value(call.Id), Value(call.BusinessId), Text(call.CallSid), Text(call.From), Text(call.To), Text(call.Language),
                    new NpgsqlParameter<DateTime> { TypedValue = call.StartedUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    Text(call.Outcome.ToString()), Nullable(call.CustomerId, NpgsqlDbType.Uuid), Nullable(call.AppointmentId, NpgsqlDbType.Uuid),
                    Text(call.Summary), Value(call.IsTest), Value(call.TurnCount)));
            }
        }
        AddTurns(batch, writes.Count == 1 ? writes[0].Turns : writes.SelectMany(w => w.Turns).ToList());
        foreach (var write in writes)
        {
            if (write.NewCall is null && write.Progress is { } progress)
            {
                var outcome = progress.Outcome is { } o && o != CallOutcome.Voicemail ? o.ToString() : null;
                batch.BatchCommands.Add(Command(UpdateCall,
                    Value(write.CallId), Value(write.BusinessId), Text(Domain.Common.Language.Normalize(progress.Language)), Value(progress.TurnCount),
                    Nullable(progress.CustomerId, NpgsqlDbType.Uuid), Nullable(progress.AppointmentId, NpgsqlDbType.Uuid),
                    Text(outcome), Text(progress.Summary)));
            }
        }
        foreach (var write in writes)
        {
            if (write.End is { } end)
            {
                batch.BatchCommands.Add(Command(EndCall,
                    Text(end.CallSid), new NpgsqlParameter<DateTime> { TypedValue = end.EndedUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    Nullable(end.DurationSeconds, NpgsqlDbType.Integer), Text(end.TwilioStatus), Value(end.TurnCount)));
                ends++;
            }
        }
        var written = writes.Select(w => w.End is null ? (Guid?)(w.NewCall?.BusinessId ?? w.BusinessId) : null).ToArray();
        // Not a caller's token: the batch carries other callers' writes too. The command timeout still bounds it.
        if (ends == 0)
        {
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
            return written;
        }
        // The ends come last, each with its call's business (no row: a call never recorded). Statements without rows
        // give the reader no result set.
        await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
        var first = true;
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i].End is null)
            {
                continue;
            }
            if (!first && !await reader.NextResultAsync(CancellationToken.None))
            {
                throw new InvalidOperationException("A call's end returned no result.");
            }
            first = false;
            written[i] = await reader.ReadAsync(CancellationToken.None) ? reader.GetGuid(0) : null;
        }
        return written;
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
