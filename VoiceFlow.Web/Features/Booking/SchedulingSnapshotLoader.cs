using Microsoft.EntityFrameworkCore;
using Npgsql;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>The slowly changing half of a scheduling snapshot: the business, its hours, closures, services and staff.</summary>
internal sealed record SchedulingSetup(
    Business Business, IReadOnlyList<WeeklyHours> Hours, IReadOnlyList<Closure> Closures, IReadOnlyList<Service> Services, IReadOnlyList<StaffMember> Staff);

/// <summary>
/// Loads what availability needs for one business: the setup (read through <c>BusinessProfileCache</c>, which keeps it
/// until a settings save) and the appointments and busy times of the window asked about, as they are now (on PostgreSQL
/// through <see cref="BookedTimesCache"/>, which reads them again whenever the database's version of them changed).
/// </summary>
internal static class SchedulingSnapshotLoader
{
    /// <summary>Where a search of the whole booking horizon has to load until.</summary>
    public static DateTime HorizonUtc(SchedulingSetup setup, DateTime nowUtc) => nowUtc.AddDays(setup.Business.Booking.MaximumDaysAhead + 2);

    /// <summary>The setup of the context's business, with the closures that end on or after <paramref name="closuresFrom"/>.</summary>
    public static async Task<SchedulingSetup?> LoadSetupAsync(VoiceFlowDbContext db, DateOnly closuresFrom, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        var hours = await db.BusinessHours.AsNoTracking().ToListAsync(cancellationToken);
        var closures = await db.Closures.AsNoTracking().Where(c => c.To >= closuresFrom).ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().ToListAsync(cancellationToken);
        return new SchedulingSetup(business, hours.Select(h => h.ToWeeklyHours()).ToList(), closures, services, staff);
    }

    /// <summary>
    /// A snapshot from a (possibly cached) setup and the appointments and busy times from <paramref name="fromUtc"/>
    /// (default: yesterday) until at least <paramref name="untilUtc"/> (default: the booking horizon), as they are now:
    /// through <paramref name="bookedTimes"/> on PostgreSQL when given (a version check, and the rows only when they
    /// changed), read each time otherwise. The snapshot knows where its window ends and never offers a time past it.
    /// </summary>
    public static async Task<SchedulingSnapshot> LoadAsync(
        VoiceFlowDbContext db, SchedulingSetup setup, DateTime nowUtc, CancellationToken cancellationToken, DateTime? untilUtc = null,
        Guid? excludeAppointmentId = null, DateTime? fromUtc = null, BookedTimesCache? bookedTimes = null)
    {
        if (db.DataSource is { } dataSource)
        {
            return await LoadAsync(dataSource, setup, nowUtc, cancellationToken, untilUtc, excludeAppointmentId, fromUtc, bookedTimes);
        }
        var until = untilUtc ?? HorizonUtc(setup, nowUtc);
        var taken = await QueryBookedTimesAsync(db, fromUtc ?? nowUtc.AddDays(-1), until, excludeAppointmentId, cancellationToken);
        return Build(setup, taken, until);
    }

    /// <summary>As the other overload, on PostgreSQL's pooled data source: no DbContext at all.</summary>
    public static async Task<SchedulingSnapshot> LoadAsync(
        NpgsqlDataSource dataSource, SchedulingSetup setup, DateTime nowUtc, CancellationToken cancellationToken, DateTime? untilUtc = null,
        Guid? excludeAppointmentId = null, DateTime? fromUtc = null, BookedTimesCache? bookedTimes = null)
    {
        var from = fromUtc ?? nowUtc.AddDays(-1);
        var until = untilUtc ?? HorizonUtc(setup, nowUtc);
        if (bookedTimes is not null && excludeAppointmentId is null
            && await bookedTimes.SnapshotAsync(dataSource, setup, nowUtc, from, until, cancellationToken) is { } cached)
        {
            return cached;
        }
        await using var command = dataSource.CreateCommand(BookedTimesSql);
        AddBookedTimesParameters(command.Parameters, setup.Business.Id, from, until, excludeAppointmentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return Build(setup, await ReadBookedTimesAsync(reader, cancellationToken), until);
    }

    internal static SchedulingSnapshot Build(SchedulingSetup setup, IEnumerable<BookedTime> taken, DateTime untilUtc) =>
        SchedulingSnapshot.FromBookedTimes(
            setup.Business.TimeZoneId, setup.Business.Booking, setup.Hours, setup.Closures, setup.Services, setup.Staff, taken, untilUtc);

    // Every availability check needs these rows (two weeks of a busy clinic are a couple of thousand): on PostgreSQL a
    // fixed, auto-prepared statement on the pooled data source, read straight into BookedTime, without EF Core's
    // per-query translation and materialization or even the context's initialization, which cost more than the rest of
    // the check. The business is the setup's own (the tenant's). Never inside a transaction: the booking paths read
    // first and take their transaction only to save.
    private const string BookedTimesSql = """
        SELECT "StaffMemberId", "ServiceId", "StartUtc", "EndUtc" FROM "Appointments"
        WHERE "BusinessId" = $1 AND "EndUtc" > $2 AND "StartUtc" < $3 AND "Status" IN ('Booked', 'Confirmed') AND "Id" IS DISTINCT FROM $4
        UNION ALL
        SELECT "StaffMemberId", NULL, "StartUtc", "EndUtc" FROM "ExternalBusyTimes"
        WHERE "BusinessId" = $1 AND "EndUtc" > $2 AND "StartUtc" < $3
        """;

    /// <summary>The booked-times statement for a batch (<see cref="BookedTimesCache"/> sends it after the version).</summary>
    internal static NpgsqlBatchCommand BookedTimesCommand(Guid businessId, DateTime from, DateTime until, Guid? excludeAppointmentId)
    {
        var command = new NpgsqlBatchCommand(BookedTimesSql);
        AddBookedTimesParameters(command.Parameters, businessId, from, until, excludeAppointmentId);
        return command;
    }

    private static void AddBookedTimesParameters(NpgsqlParameterCollection parameters, Guid businessId, DateTime from, DateTime until, Guid? excludeAppointmentId)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = businessId });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(from, DateTimeKind.Utc), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(until, DateTimeKind.Utc), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = excludeAppointmentId is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
    }

    /// <summary>The rows of the booked-times statement, from a reader positioned on its result.</summary>
    internal static async Task<List<BookedTime>> ReadBookedTimesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var taken = new List<BookedTime>();
        while (await reader.ReadAsync(cancellationToken))
        {
            taken.Add(new BookedTime(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetDateTime(2), reader.GetDateTime(3)));
        }
        return taken;
    }

    /// <summary>The same rows through EF Core (SQLite), in one query (UNION ALL): one round trip per availability check.</summary>
    private static Task<List<BookedTime>> QueryBookedTimesAsync(
        VoiceFlowDbContext db, DateTime from, DateTime until, Guid? excludeAppointmentId, CancellationToken cancellationToken) =>
        db.Appointments.AsNoTracking()
            .Where(a => a.EndUtc > from && a.StartUtc < until && a.Id != excludeAppointmentId && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed))
            .Select(a => new { a.StaffMemberId, ServiceId = (Guid?)a.ServiceId, a.StartUtc, a.EndUtc })
            .Concat(db.ExternalBusyTimes.AsNoTracking().Where(b => b.EndUtc > from && b.StartUtc < until)
                .Select(b => new { b.StaffMemberId, ServiceId = (Guid?)null, b.StartUtc, b.EndUtc }))
            .Select(t => new BookedTime(t.StaffMemberId, t.ServiceId, t.StartUtc, t.EndUtc))
            .ToListAsync(cancellationToken);
}
