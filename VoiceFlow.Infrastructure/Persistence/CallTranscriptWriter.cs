using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>
/// Writes what a call step produced: the new call (on its first step), the transcript lines and the call's progress.
/// This runs on every Twilio webhook, so on PostgreSQL it is one hand-written batch, one round trip and one implicit
/// transaction (all or nothing) with fixed, auto-prepared statements; EF Core's change tracking, its explicit
/// transaction and its per-row INSERTs cost more CPU than everything else the webhook does. Elsewhere (SQLite) EF Core
/// writes the same rows. Both follow the entities' own rules (<see cref="CallProgress.ApplyTo"/>, <see cref="Call.End"/>).
/// </summary>
public sealed class CallTranscriptWriter(DatabaseOptionsHolder database)
{
    private const string InsertCall = """
        INSERT INTO "Calls" ("Id", "BusinessId", "CallSid", "From", "To", "Language", "StartedUtc", "Outcome", "CustomerId",
            "AppointmentId", "Summary", "IsTest", "TurnCount")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        """;

    // CallProgress.ApplyTo as SQL: links and outcome only overwrite with a value, the turn count never goes down.
    private const string UpdateCall = """
        UPDATE "Calls" SET "Language" = $3, "TurnCount" = GREATEST("TurnCount", $4),
            "CustomerId" = COALESCE($5, "CustomerId"), "AppointmentId" = COALESCE($6, "AppointmentId"),
            "Outcome" = COALESCE($7, "Outcome"), "Summary" = CASE WHEN $7 IS NULL THEN "Summary" ELSE COALESCE($8, "Summary") END
        WHERE "Id" = $1 AND "BusinessId" = $2
        """;

    // One statement for any number of lines, so its text (and its prepared plan) never changes.
    private const string InsertTurns = """
        INSERT INTO "CallTurns" ("Id", "BusinessId", "CallId", "Sequence", "Speaker", "Text", "Confidence", "AtUtc", "LatencyMs")
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::integer[], $5::text[], $6::text[], $7::double precision[],
            $8::timestamptz[], $9::integer[])
        """;

    // Call.End as SQL: the first end wins, a known duration is kept, an unfinished call is abandoned.
    private const string EndCall = """
        UPDATE "Calls" SET "EndedUtc" = COALESCE("EndedUtc", $2),
            "DurationSeconds" = COALESCE($3, "DurationSeconds", GREATEST(0, floor(extract(epoch FROM ($2 - "StartedUtc"))))::integer),
            "TwilioStatus" = COALESCE($4, "TwilioStatus"),
            "Outcome" = CASE WHEN "Outcome" = 'InProgress' THEN 'Abandoned' ELSE "Outcome" END,
            "TurnCount" = GREATEST("TurnCount", $5)
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

    /// <summary>Twilio's status callback: the call ended. Returns the call's business, or null for a call never recorded.</summary>
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
        call.End(endedUtc, durationSeconds, twilioStatus);
        call.CountTurns(turnCount);
        await db.SaveChangesAsync(cancellationToken);
        return call.BusinessId;
    }

    private static async Task<bool> WritePostgresAsync(
        NpgsqlDataSource dataSource, Guid businessId, Guid callId, Call? newCall, IReadOnlyList<CallTurn> turns, CallProgress? progress,
        CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        if (newCall is not null)
        {
            batch.BatchCommands.Add(Command(InsertCall,
                Value(newCall.Id), Value(newCall.BusinessId), Text(newCall.CallSid), Text(newCall.From), Text(newCall.To), Text(newCall.Language),
                new NpgsqlParameter<DateTime> { TypedValue = newCall.StartedUtc, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                Text(newCall.Outcome.ToString()), Nullable(newCall.CustomerId, NpgsqlDbType.Uuid), Nullable(newCall.AppointmentId, NpgsqlDbType.Uuid),
                Text(newCall.Summary), Value(newCall.IsTest), Value(newCall.TurnCount)));
        }
        else if (progress is not null)
        {
            var outcome = progress.Outcome is { } o && o != CallOutcome.Voicemail ? o.ToString() : null;
            batch.BatchCommands.Add(Command(UpdateCall,
                Value(callId), Value(businessId), Text(Domain.Common.Language.Normalize(progress.Language)), Value(progress.TurnCount),
                Nullable(progress.CustomerId, NpgsqlDbType.Uuid), Nullable(progress.AppointmentId, NpgsqlDbType.Uuid),
                Text(outcome), Text(progress.Summary)));
        }
        if (turns.Count > 0)
        {
            batch.BatchCommands.Add(Command(InsertTurns,
                Array(turns, t => t.Id, NpgsqlDbType.Uuid), Array(turns, t => t.BusinessId, NpgsqlDbType.Uuid), Array(turns, t => t.CallId, NpgsqlDbType.Uuid),
                Array(turns, t => t.Sequence, NpgsqlDbType.Integer), Array(turns, t => t.Speaker.ToString(), NpgsqlDbType.Text),
                Array(turns, t => t.Text, NpgsqlDbType.Text), Array(turns, t => t.Confidence, NpgsqlDbType.Double),
                Array(turns, t => t.AtUtc, NpgsqlDbType.TimestampTz), Array(turns, t => t.LatencyMs, NpgsqlDbType.Integer)));
        }
        if (batch.BatchCommands.Count == 0)
        {
            return true;
        }
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (newCall is not null && ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
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

    private static NpgsqlParameter<T[]> Array<T>(IReadOnlyList<CallTurn> turns, Func<CallTurn, T> select, NpgsqlDbType elementType)
    {
        var values = new T[turns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = select(turns[i]);
        }
        return new NpgsqlParameter<T[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
    }
}
