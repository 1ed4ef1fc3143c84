using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>
/// A business's booked times (and the scheduling snapshot built from them), kept between availability checks for as
/// long as the database says they are current. PostgreSQL gives a business a new version in "AvailabilityVersions"
/// whenever anything changes its appointments or external busy times (a trigger, so every writer counts: bookings,
/// the portal, calendar sync, other instances); each check reads that one row and uses the cached copy only if the
/// version is the one it was loaded with, so a check sees exactly what reading the rows would have shown. A changed
/// version reloads the rows together with the version, in one round trip. PostgreSQL only: SQLite reads the rows.
/// </summary>
public sealed class BookedTimesCache(IMemoryCache cache)
{
    /// <summary>How far back the cached rows reach (a booking checks the two days around its time).</summary>
    private static readonly TimeSpan Back = TimeSpan.FromDays(3);

    /// <summary>How far ahead a load reaches at least: the two weeks a call's alternatives come from, and a margin.</summary>
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(22);

    /// <summary>A business whose calls stop is forgotten after this long.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    /// <summary>The business's version (also read by a booking after its write, in its transaction).</summary>
    internal const string VersionSql = """SELECT "Version" FROM "AvailabilityVersions" WHERE "BusinessId" = $1""";

    private sealed record Entry(long Version, DateTime FromUtc, DateTime UntilUtc, BookedTime[] Taken, SchedulingSetup Setup, SchedulingSnapshot Snapshot);

    // Bookings applied to a cached copy, one at a time (each compares the copy's version before replacing it).
    private readonly Lock _applying = new();

    // Checks that find the same business changed share one reload.
    private readonly ConcurrentDictionary<Guid, Task<Entry>> _loading = new();

    /// <summary>
    /// The snapshot of the setup's business with every booked time from <paramref name="fromUtc"/> until at least
    /// <paramref name="untilUtc"/>; null when the window reaches further back than the cache keeps (read the rows).
    /// </summary>
    internal async Task<SchedulingSnapshot?> SnapshotAsync(
        NpgsqlDataSource dataSource, SchedulingSetup setup, DateTime nowUtc, DateTime fromUtc, DateTime untilUtc, CancellationToken cancellationToken)
    {
        var businessId = setup.Business.Id;
        var keepFrom = nowUtc.Date - Back;
        if (fromUtc < keepFrom)
        {
            return null;
        }
        var key = Key(businessId);
        long? version = null;
        if (cache.TryGetValue(key, out Entry? cached) && cached!.FromUtc <= fromUtc && untilUtc <= cached.UntilUtc)
        {
            version = await ReadVersionAsync(dataSource, businessId, cancellationToken);
            if (version == cached.Version)
            {
                return SnapshotFor(key, cached, setup);
            }
        }
        var until = Max(untilUtc, nowUtc.Date + Ahead, cached is not null && cached.FromUtc == keepFrom ? cached.UntilUtc : DateTime.MinValue);
        Task<Entry>? mine = null;
        var loading = _loading.GetOrAdd(businessId, _ => mine = LoadAsync(dataSource, setup, keepFrom, until));
        Entry entry;
        try
        {
            entry = await loading.WaitAsync(cancellationToken);
        }
        finally
        {
            if (loading.IsCompleted)
            {
                _loading.TryRemove(new KeyValuePair<Guid, Task<Entry>>(businessId, loading));
            }
        }
        // A reload this check joined may have begun before it: it is good only if its version is still the business's.
        if (!ReferenceEquals(loading, mine) && version is null)
        {
            version = await ReadVersionAsync(dataSource, businessId, cancellationToken);
        }
        // A shared reload older than what this check saw, or covering less: this check's own.
        if ((version is { } seen && entry.Version != seen) || entry.FromUtc > fromUtc || entry.UntilUtc < untilUtc)
        {
            entry = await LoadAsync(dataSource, setup, keepFrom, until, cancellationToken);
        }
        cache.Set(key, entry, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
        return SnapshotFor(key, entry, setup);
    }

    /// <summary>
    /// Reads the business's version inside a booking's transaction and locks its row until the transaction ends, so
    /// nothing else can change the business's booked times before this transaction commits (every change bumps that row
    /// first). Null when the business has no version yet.
    /// </summary>
    internal const string LockVersionSql = """SELECT "Version" FROM "AvailabilityVersions" WHERE "BusinessId" = $1 FOR UPDATE""";

    /// <summary>
    /// A booking of this instance committed: one appointment's time added, moved or both, between version
    /// <paramref name="before"/> (read under <see cref="LockVersionSql"/>) and <paramref name="after"/> (read before
    /// the commit), with nothing else in between. A cached copy at <paramref name="before"/> becomes the copy at
    /// <paramref name="after"/> without reading every row again; any other copy is left to the version check.
    /// </summary>
    internal void Apply(Guid businessId, long before, long after, BookedTime? removed, BookedTime? added)
    {
        var key = Key(businessId);
        lock (_applying)
        {
            if (!cache.TryGetValue(key, out Entry? cached) || cached!.Version != before)
            {
                return;
            }
            var taken = new List<BookedTime>(cached.Taken);
            if (removed is { } old && Overlaps(old, cached) && !taken.Remove(old))
            {
                // Not the rows this change was made against after all: read them again at the next check.
                cache.Remove(key);
                return;
            }
            if (added is { } time && Overlaps(time, cached))
            {
                taken.Add(time);
            }
            var rows = taken.ToArray();
            var entry = cached with { Version = after, Taken = rows, Snapshot = SchedulingSnapshotLoader.Build(cached.Setup, rows, cached.UntilUtc) };
            cache.Set(key, entry, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
        }
    }

    /// <summary>Whether a time falls in the window an entry holds (the booked-times statement's own condition).</summary>
    private static bool Overlaps(BookedTime time, Entry entry) => time.EndUtc > entry.FromUtc && time.StartUtc < entry.UntilUtc;

    private SchedulingSnapshot SnapshotFor(string key, Entry entry, SchedulingSetup setup)
    {
        if (ReferenceEquals(entry.Setup, setup))
        {
            return entry.Snapshot;
        }
        // The setup was reloaded (it expires, or settings were saved): the same rows, a snapshot of the new setup.
        var rebuilt = entry with { Setup = setup, Snapshot = SchedulingSnapshotLoader.Build(setup, entry.Taken, entry.UntilUtc) };
        cache.Set(key, rebuilt, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
        return rebuilt.Snapshot;
    }

    private static async Task<Entry> LoadAsync(
        NpgsqlDataSource dataSource, SchedulingSetup setup, DateTime fromUtc, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        // The version first, then the rows: a change committed in between makes the rows newer than the version,
        // which only costs the next check a reload (the other order could keep stale rows under a current version).
        await using var batch = dataSource.CreateBatch();
        var version = new NpgsqlBatchCommand(VersionSql);
        version.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = setup.Business.Id });
        batch.BatchCommands.Add(version);
        batch.BatchCommands.Add(SchedulingSnapshotLoader.BookedTimesCommand(setup.Business.Id, fromUtc, untilUtc, excludeAppointmentId: null));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var current = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(cancellationToken);
        var taken = await SchedulingSnapshotLoader.ReadBookedTimesAsync(reader, cancellationToken);
        var rows = taken.ToArray();
        return new Entry(current, fromUtc, untilUtc, rows, setup, SchedulingSnapshotLoader.Build(setup, rows, untilUtc));
    }

    private static async Task<long> ReadVersionAsync(NpgsqlDataSource dataSource, Guid businessId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(VersionSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = businessId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    private static string Key(Guid businessId) => "vf:booked-times:" + businessId;

    private static DateTime Max(DateTime a, DateTime b, DateTime c) => new(Math.Max(a.Ticks, Math.Max(b.Ticks, c.Ticks)), DateTimeKind.Utc);
}
