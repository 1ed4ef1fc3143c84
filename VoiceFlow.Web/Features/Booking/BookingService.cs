using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>
/// Booking use cases: free slots, book, reschedule, cancel, confirm, complete, no-show. Loads, asks the domain,
/// saves the change with its audit and outbox rows in one SaveChanges (one transaction). The reads before it run
/// outside any explicit transaction: at READ COMMITTED one would not make them a consistent snapshot anyway, and the
/// database, not the check, is what stops a double booking (PostgreSQL's exclusion constraint; on SQLite, serialized
/// writes). A write that loses that race is retried with fresh data.
/// </summary>
public sealed class BookingService(IDbContextFactory<VoiceFlowDbContext> contexts, DatabaseOptionsHolder database, TimeProvider time, ILogger<BookingService> logger,
    Calls.BusinessProfileCache profiles, Appointments.AppointmentChangeNotifier? changes = null, BookedTimesCache? bookedTimes = null)
{
    /// <summary>SQLite allows one writer; booking takes it for the whole check-then-insert.</summary>
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    private const int MaxAttempts = 4;

    public async Task<AvailabilityResult> FindSlotsAsync(Guid serviceId, Guid? staffMemberId, DateTime fromUtc, DateTime toUtc, int max, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await SetupAsync(db, now, cancellationToken) is not { } setup)
        {
            return new AvailabilityResult(AvailabilityError.UnknownService, []);
        }
        var snapshot = await SchedulingSnapshotLoader.LoadAsync(db, setup, now, cancellationToken, toUtc.AddDays(1), bookedTimes: bookedTimes);
        return AvailabilityEngine.FindSlots(snapshot, new SlotQuery(serviceId, staffMemberId, now), fromUtc, toUtc, max);
    }

    public async Task<AvailabilityResult> FindAlternativesAsync(Guid serviceId, Guid? staffMemberId, DateTime desiredStartUtc, int max, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await SetupAsync(db, now, cancellationToken) is not { } setup)
        {
            return new AvailabilityResult(AvailabilityError.UnknownService, []);
        }
        var snapshot = await SchedulingSnapshotLoader.LoadAsync(db, setup, now, cancellationToken, bookedTimes: bookedTimes);
        return AvailabilityEngine.FindAlternatives(snapshot, new SlotQuery(serviceId, staffMemberId, now), desiredStartUtc, max);
    }

    public async Task<BookingResult> BookAsync(BookingRequest request, CancellationToken cancellationToken = default)
    {
        if (request.StartUtc.Kind == DateTimeKind.Local)
        {
            return BookingResult.Invalid("booking.not_utc", "The start time must be given in UTC.");
        }
        PhoneNumber? phone = null;
        if (request.CustomerId is null)
        {
            if (string.IsNullOrWhiteSpace(request.CustomerName))
            {
                return BookingResult.Invalid("customer.name_required", "A customer needs a name.");
            }
            if (!PhoneNumber.TryParse(request.CustomerPhone, out phone))
            {
                return BookingResult.Invalid("phone.invalid", $"'{request.CustomerPhone}' is not a phone number.");
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Null: the time was taken after this attempt checked it (seen under the staff member's lock, before writing).
                if (await WithWriteLockAsync(() => TryBookAsync(request, phone, cancellationToken), cancellationToken) is { } result)
                {
                    return result;
                }
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                // Another booking won the race for this staff member (or this key) at the constraint.
            }
            if (attempt >= MaxAttempts)
            {
                return await GiveUpBookingAsync(request, cancellationToken);
            }
            logger.LogInformation("Booking conflict on attempt {Attempt}; retrying", attempt);
        }
    }

    /// <summary>Every attempt lost its race: the booking a twin made with this key, or why not and the alternatives.</summary>
    private async Task<BookingResult> GiveUpBookingAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        if (await FindByIdempotencyKeyAsync(request.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return new BookingResult(BookingStatus.AlreadyBooked, AppointmentSummary.From(earlier));
        }
        return await UnavailableAsync(request.ServiceId, request.StaffMemberId, request.StartUtc, SlotUnavailableReason.Taken, cancellationToken);
    }

    private async Task<Appointment?> FindByIdempotencyKeyAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.IdempotencyKey == key, cancellationToken);
    }

    private async Task<BookingResult?> TryBookAsync(BookingRequest request, PhoneNumber? phone, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Only the days around the requested time matter for checking it (and its daily limit). The same setup serves
        // the alternatives if the time is taken.
        var setup = await SetupAsync(db, now, cancellationToken);
        if (setup is null)
        {
            return BookingResult.Invalid("business.unknown", "No business is selected.");
        }
        var business = setup.Business;
        var snapshot = await SchedulingSnapshotLoader.LoadAsync(db, setup, now, cancellationToken,
            untilUtc: request.StartUtc.AddDays(2), fromUtc: request.StartUtc.AddDays(-2), bookedTimes: bookedTimes);
        var day = snapshot.ToLocal(request.StartUtc).Date;
        var dayStart = snapshot.ToUtc(day, TimeOnly.MinValue).Utc ?? request.StartUtc.AddDays(-1);
        var dayEnd = snapshot.ToUtc(day.AddDays(1), TimeOnly.MinValue).Utc ?? request.StartUtc.AddDays(1);
        var facts = db.DataSource is { } dataSource
            ? await ReadFactsAsync(dataSource, business.Id, request, phone, dayStart, dayEnd, cancellationToken)
            : await QueryFactsAsync(db, request, phone, dayStart, dayEnd, cancellationToken);

        if (facts.Earlier is { } earlier)
        {
            return new BookingResult(BookingStatus.AlreadyBooked, earlier);
        }
        var service = setup.Services.FirstOrDefault(s => s.Id == request.ServiceId);
        if (service is null)
        {
            return BookingResult.Invalid("service.unknown", "That service does not exist.");
        }
        if (request.CustomerId is not null && facts.CustomerId is null)
        {
            return BookingResult.Invalid("customer.unknown", "That customer does not exist.");
        }

        var query = new SlotQuery(request.ServiceId, request.StaffMemberId, now);
        var check = AvailabilityEngine.CheckSlot(snapshot, query, request.StartUtc);
        if (check.Error != AvailabilityError.None)
        {
            return BookingResult.Invalid("availability." + check.Error.ToString().ToLowerInvariant(), Describe(check.Error));
        }

        if (!request.AllowSameDayDuplicate && facts.Duplicate is { } duplicate)
        {
            if (duplicate.IdempotencyKey is not null && duplicate.IdempotencyKey == request.IdempotencyKey)
            {
                // The same request, committed by a racing twin after this one looked for its key.
                return new BookingResult(BookingStatus.AlreadyBooked, duplicate.Appointment);
            }
            return new BookingResult(BookingStatus.Duplicate, duplicate.Appointment, "appointment.duplicate",
                "This customer already has this service booked that day.");
        }

        if (!check.IsBookable)
        {
            return await UnavailableAsync(db, setup, request.ServiceId, request.StaffMemberId, request.StartUtc, check.Reason, cancellationToken);
        }

        var customer = facts.Customer;
        if (customer is null && facts.CustomerId is { } customerId)
        {
            customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
            if (customer is null)
            {
                return BookingResult.Invalid("customer.unknown", "That customer does not exist."); // removed meanwhile
            }
        }
        if (customer is null)
        {
            customer = new Customer(business.Id, request.CustomerName!, phone!, request.CustomerLanguage ?? business.DefaultLanguage, now);
            db.Customers.Add(customer);
        }
        var slot = check.Slot!.Value;
        var appointment = Appointment.Book(business.Id, customer.Id, service.Id, slot.StaffMemberId, slot.StartUtc, slot.EndUtc,
            request.Source, now, request.IdempotencyKey, request.Notes);
        db.Appointments.Add(appointment);
        await AppointmentChangeRecorder.RecordAsync(db, appointment, customer, "appointment.booked", request.Actor, now, null, cancellationToken);
        if (!await SaveForStaffMemberAsync(db, appointment, removed: null, cancellationToken))
        {
            return null;
        }
        changes?.Notify(appointment.BusinessId);
        return new BookingResult(BookingStatus.Booked, AppointmentSummary.From(appointment));
    }

    /// <summary>What a booking must know before it writes: an earlier booking with its key, its customer, and that
    /// customer's booking of the same service the same day.</summary>
    private sealed record BookingFacts(AppointmentSummary? Earlier, Guid? CustomerId, Customer? Customer, (AppointmentSummary Appointment, string? IdempotencyKey)? Duplicate);

    private static async Task<BookingFacts> QueryFactsAsync(
        VoiceFlowDbContext db, BookingRequest request, PhoneNumber? phone, DateTime dayStart, DateTime dayEnd, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.IdempotencyKey)
            && await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a => a.IdempotencyKey == request.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return new BookingFacts(AppointmentSummary.From(earlier), null, null, null);
        }
        var customer = request.CustomerId is { } customerId
            ? await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            : await db.Customers.FirstOrDefaultAsync(c => c.Phone == phone!.E164, cancellationToken);
        if (customer is null || request.AllowSameDayDuplicate)
        {
            return new BookingFacts(null, customer?.Id, customer, null);
        }
        var duplicate = await db.Appointments.AsNoTracking().FirstOrDefaultAsync(a =>
            a.CustomerId == customer.Id && a.ServiceId == request.ServiceId && a.StartUtc >= dayStart && a.StartUtc < dayEnd &&
            (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed), cancellationToken);
        return new BookingFacts(null, customer.Id, customer, duplicate is null ? null : (AppointmentSummary.From(duplicate), duplicate.IdempotencyKey));
    }

    // On PostgreSQL the three reads a booking makes before it writes go in one round trip on the pooled data source,
    // without initializing the context: most attempts under load end right after them (the time was just taken, or
    // this is a retry), and only an attempt that goes on to write loads its customer through EF Core.
    private const string AppointmentColumns = """a."Id", a."CustomerId", a."ServiceId", a."StaffMemberId", a."StartUtc", a."EndUtc", a."Status", a."IdempotencyKey" """;
    private const string EarlierSql = "SELECT " + AppointmentColumns + """FROM "Appointments" a WHERE a."BusinessId" = $1 AND a."IdempotencyKey" = $2 LIMIT 1""";
    private const string CustomerByIdSql = """SELECT c."Id" FROM "Customers" c WHERE c."BusinessId" = $1 AND c."Id" = $2""";
    private const string CustomerByPhoneSql = """SELECT c."Id" FROM "Customers" c WHERE c."BusinessId" = $1 AND c."Phone" = $2""";
    private const string DuplicateByIdSql = "SELECT " + AppointmentColumns + """
        FROM "Appointments" a WHERE a."BusinessId" = $1 AND a."CustomerId" = $2 AND a."ServiceId" = $3 AND a."StartUtc" >= $4 AND a."StartUtc" < $5
        AND a."Status" IN ('Booked', 'Confirmed') LIMIT 1
        """;
    private const string DuplicateByPhoneSql = "SELECT " + AppointmentColumns + """
        FROM "Appointments" a JOIN "Customers" c ON c."Id" = a."CustomerId" AND c."BusinessId" = $1 AND c."Phone" = $2
        WHERE a."BusinessId" = $1 AND a."ServiceId" = $3 AND a."StartUtc" >= $4 AND a."StartUtc" < $5 AND a."Status" IN ('Booked', 'Confirmed') LIMIT 1
        """;

    private static async Task<BookingFacts> ReadFactsAsync(
        NpgsqlDataSource dataSource, Guid businessId, BookingRequest request, PhoneNumber? phone, DateTime dayStart, DateTime dayEnd, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var byId = request.CustomerId is not null;
        var earlier = new NpgsqlBatchCommand(EarlierSql);
        earlier.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = businessId });
        earlier.Parameters.Add(new NpgsqlParameter
        {
            Value = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? DBNull.Value : request.IdempotencyKey, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
        });
        batch.BatchCommands.Add(earlier);
        var customer = new NpgsqlBatchCommand(byId ? CustomerByIdSql : CustomerByPhoneSql);
        var duplicate = new NpgsqlBatchCommand(byId ? DuplicateByIdSql : DuplicateByPhoneSql);
        foreach (var command in new[] { customer, duplicate })
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = businessId });
            command.Parameters.Add(byId
                ? new NpgsqlParameter<Guid> { TypedValue = request.CustomerId!.Value }
                : new NpgsqlParameter<string> { TypedValue = phone!.E164 });
        }
        duplicate.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = request.ServiceId });
        duplicate.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(dayStart, DateTimeKind.Utc), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        duplicate.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(dayEnd, DateTimeKind.Utc), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(customer);
        batch.BatchCommands.Add(duplicate);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var found = await reader.ReadAsync(cancellationToken) ? ReadAppointment(reader) : default;
        await reader.NextResultAsync(cancellationToken);
        Guid? customerId = await reader.ReadAsync(cancellationToken) ? reader.GetGuid(0) : null;
        await reader.NextResultAsync(cancellationToken);
        var same = await reader.ReadAsync(cancellationToken) ? ReadAppointment(reader) : default;
        if (found.Appointment is not null)
        {
            return new BookingFacts(found.Appointment, null, null, null);
        }
        return new BookingFacts(null, customerId, null, customerId is not null && same.Appointment is not null ? same : null);
    }

    private static (AppointmentSummary Appointment, string? IdempotencyKey) ReadAppointment(NpgsqlDataReader reader) => (
        new AppointmentSummary(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetDateTime(4), reader.GetDateTime(5),
            Enum.Parse<AppointmentStatus>(reader.GetString(6))),
        reader.IsDBNull(7) ? null : reader.GetString(7));

    public async Task<BookingResult> RescheduleAsync(Guid appointmentId, DateTime newStartUtc, Guid? staffMemberId, string actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await WithWriteLockAsync(() => TryRescheduleAsync(appointmentId, newStartUtc, staffMemberId, actor, cancellationToken), cancellationToken) is { } result)
                {
                    return result;
                }
            }
            catch (Exception ex) when (IsConflict(ex))
            {
                // Another booking won the race for this time at the constraint.
            }
            if (attempt >= MaxAttempts)
            {
                return BookingResult.Invalid("appointment.conflict", "Someone else just took that time.");
            }
            logger.LogInformation("Reschedule conflict on attempt {Attempt}; retrying", attempt);
        }
    }

    private async Task<BookingResult?> TryRescheduleAsync(Guid appointmentId, DateTime newStartUtc, Guid? staffMemberId, string actor, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return BookingResult.Invalid("appointment.unknown", "That appointment does not exist.");
        }
        if (!appointment.IsActive)
        {
            return BookingResult.Invalid("appointment.not_active", $"A {appointment.Status.ToString().ToLowerInvariant()} appointment cannot be rescheduled.");
        }
        // The appointment's own time does not block its move.
        var setup = await SetupAsync(db, now, cancellationToken);
        var snapshot = await SchedulingSnapshotLoader.LoadAsync(db, setup!, now, cancellationToken,
            untilUtc: newStartUtc.AddDays(2), excludeAppointmentId: appointment.Id, fromUtc: newStartUtc.AddDays(-2));
        var query = new SlotQuery(appointment.ServiceId, staffMemberId ?? appointment.StaffMemberId, now);
        var check = AvailabilityEngine.CheckSlot(snapshot, query, newStartUtc);
        if (check.Error != AvailabilityError.None)
        {
            return BookingResult.Invalid("availability." + check.Error.ToString().ToLowerInvariant(), Describe(check.Error));
        }
        if (!check.IsBookable)
        {
            return await UnavailableAsync(db, setup!, appointment.ServiceId, staffMemberId ?? appointment.StaffMemberId, newStartUtc, check.Reason, cancellationToken, appointment.Id);
        }
        var before = AppointmentChangeRecorder.Snapshot(appointment);
        var wasTaken = new BookedTime(appointment.StaffMemberId, appointment.ServiceId, appointment.StartUtc, appointment.EndUtc);
        var slot = check.Slot!.Value;
        appointment.Reschedule(slot.StartUtc, slot.EndUtc, now, slot.StaffMemberId);
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == appointment.CustomerId, cancellationToken);
        await AppointmentChangeRecorder.RecordAsync(db, appointment, customer, "appointment.rescheduled", actor, now, before, cancellationToken);
        if (!await SaveForStaffMemberAsync(db, appointment, removed: wasTaken, cancellationToken))
        {
            return null;
        }
        changes?.Notify(appointment.BusinessId);
        return new BookingResult(BookingStatus.Booked, AppointmentSummary.From(appointment));
    }

    public Task<BookingResult> CancelAsync(Guid appointmentId, string? reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(appointmentId, "appointment.cancelled", actor, (a, now) => a.Cancel(reason, now), cancellationToken);

    public Task<BookingResult> ConfirmAsync(Guid appointmentId, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(appointmentId, "appointment.confirmed", actor, (a, now) => a.Confirm(now), cancellationToken);

    public Task<BookingResult> CompleteAsync(Guid appointmentId, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(appointmentId, "appointment.completed", actor, (a, now) => a.Complete(now), cancellationToken);

    public Task<BookingResult> MarkNoShowAsync(Guid appointmentId, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(appointmentId, "appointment.no_show", actor, (a, now) => a.MarkNoShow(now), cancellationToken);

    private async Task<BookingResult> ChangeAsync(Guid appointmentId, string action, string actor, Action<Appointment, DateTime> change, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return BookingResult.Invalid("appointment.unknown", "That appointment does not exist.");
        }
        var before = AppointmentChangeRecorder.Snapshot(appointment);
        try
        {
            change(appointment, now);
        }
        catch (DomainException ex)
        {
            return BookingResult.Invalid(ex.Code, ex.Message);
        }
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == appointment.CustomerId, cancellationToken);
        await AppointmentChangeRecorder.RecordAsync(db, appointment, customer, action, actor, now, before, cancellationToken);
        if (action == "appointment.cancelled")
        {
            // Reminders not yet sent for this appointment must not go out.
            var pending = await db.OutboxMessages.Where(m => m.AppointmentId == appointment.Id && m.Status == Domain.Messaging.OutboxStatus.Pending && m.Topic.StartsWith("sms.reminder")).ToListAsync(cancellationToken);
            pending.ForEach(m => m.Cancel());
        }
        await db.SaveChangesAsync(cancellationToken);
        changes?.Notify(appointment.BusinessId);
        return new BookingResult(BookingStatus.Booked, AppointmentSummary.From(appointment));
    }

    private async Task<BookingResult> UnavailableAsync(Guid serviceId, Guid? staffMemberId, DateTime startUtc, SlotUnavailableReason reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = await SetupAsync(db, Now(), cancellationToken);
        return await UnavailableAsync(db, setup!, serviceId, staffMemberId, startUtc, reason, cancellationToken);
    }

    /// <summary>
    /// Why not, and the nearest alternatives, read on the caller's own connection (no second one from the pool) with
    /// the setup it already read (its closures reach back to two days before <paramref name="startUtc"/>).
    /// </summary>
    private async Task<BookingResult> UnavailableAsync(VoiceFlowDbContext db, SchedulingSetup setup, Guid serviceId, Guid? staffMemberId, DateTime startUtc,
        SlotUnavailableReason reason, CancellationToken cancellationToken, Guid? excludeAppointmentId = null)
    {
        var now = Now();
        // Alternatives: the same day, then the following days.
        var from = startUtc.AddDays(-2) > now.AddDays(-1) ? startUtc.AddDays(-2) : now.AddDays(-1);
        var query = new SlotQuery(serviceId, staffMemberId, now);
        var snapshot = await SchedulingSnapshotLoader.LoadAsync(db, setup, now, cancellationToken,
            untilUtc: (startUtc > now ? startUtc : now).AddDays(21), excludeAppointmentId: excludeAppointmentId, fromUtc: from, bookedTimes: bookedTimes);
        var result = await UnavailableAsync(snapshot, query, startUtc, reason);
        if (result.AlternativeSlots.Count < 2 && snapshot.BookedTimesUntilUtc < SchedulingSnapshotLoader.HorizonUtc(setup, now))
        {
            // Three busy weeks: look as far as bookings are taken (a rarer, larger read).
            snapshot = await SchedulingSnapshotLoader.LoadAsync(db, setup, now, cancellationToken, excludeAppointmentId: excludeAppointmentId, fromUtc: from, bookedTimes: bookedTimes);
            result = await UnavailableAsync(snapshot, query, startUtc, reason);
        }
        return result;
    }

    private static Task<BookingResult> UnavailableAsync(SchedulingSnapshot snapshot, SlotQuery query, DateTime startUtc, SlotUnavailableReason reason)
    {
        var alternatives = AvailabilityEngine.FindAlternatives(snapshot, query, startUtc, 2);
        return Task.FromResult(new BookingResult(BookingStatus.Unavailable, Code: "slot." + reason.ToString().ToLowerInvariant(),
            Message: Describe(reason), Reason: reason, Alternatives: alternatives.IsSuccess ? alternatives.Slots : []));
    }

    private async Task<T> WithWriteLockAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return await action();
        }
        await SqliteWriter.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            SqliteWriter.Release();
        }
    }

    /// <summary>Transaction-lock namespace of <see cref="SaveForStaffMemberAsync"/> ("VF" and 1), apart from anyone else's advisory locks.</summary>
    private const int StaffBookingLock = 0x5646_0001;

    /// <summary>
    /// Saves a new or moved appointment. On PostgreSQL the save first takes a transaction lock on the staff member, so two
    /// bookings of one person's time are written one after the other. Without it, two that insert at the same instant
    /// each find the other's uncommitted row while checking the exclusion constraint, each waits for the other, and
    /// PostgreSQL only breaks that deadlock after a second (the callers waiting on the line meanwhile). With it, the
    /// second meets the first one's committed row and gets an ordinary conflict, answered with fresh alternatives.
    /// In the same round trip it locks the business's availability version, and reads it again after the write: with
    /// nothing else able to change the booked times in between, this instance's cached copy of them takes the change
    /// as it is (<see cref="BookedTimesCache.Apply"/>) instead of reading them all again at the next check. And it looks,
    /// under the lock, for an active appointment of the staff member overlapping the new time: when many callers are
    /// offered the same first free time, all but one find it taken here, and are answered without a failed insert, its
    /// error and its rollback. False then (nothing written); the constraint stays what guarantees it.
    /// </summary>
    private async Task<bool> SaveForStaffMemberAsync(VoiceFlowDbContext db, Appointment appointment, BookedTime? removed, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        var id = appointment.StaffMemberId.ToByteArray(); // the same key on every instance
        var staffKey = BitConverter.ToInt32(id, 0) ^ BitConverter.ToInt32(id, 4) ^ BitConverter.ToInt32(id, 8) ^ BitConverter.ToInt32(id, 12);
        long? before;
        await using (var locks = new NpgsqlBatch(connection, npgsqlTransaction))
        {
            var staffLock = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, $2)");
            staffLock.Parameters.Add(new NpgsqlParameter<int> { TypedValue = StaffBookingLock });
            staffLock.Parameters.Add(new NpgsqlParameter<int> { TypedValue = staffKey });
            var version = new NpgsqlBatchCommand(BookedTimesCache.LockVersionSql);
            version.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointment.BusinessId });
            var overlap = new NpgsqlBatchCommand(OverlapSql);
            overlap.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointment.StaffMemberId });
            overlap.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(appointment.StartUtc, DateTimeKind.Utc), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            overlap.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(appointment.EndUtc, DateTimeKind.Utc), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            overlap.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointment.Id });
            locks.BatchCommands.Add(staffLock);
            locks.BatchCommands.Add(version);
            locks.BatchCommands.Add(overlap);
            await using var reader = await locks.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            before = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : null;
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0))
            {
                return false; // the transaction rolls back as it is disposed: nothing was written
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        long? after = null;
        if (before is not null && bookedTimes is not null)
        {
            await using var current = new NpgsqlCommand(BookedTimesCache.VersionSql, connection, npgsqlTransaction);
            current.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = appointment.BusinessId });
            after = await current.ExecuteScalarAsync(cancellationToken) as long?;
        }
        await transaction.CommitAsync(cancellationToken);
        if (before is { } from && after is { } to)
        {
            bookedTimes!.Apply(appointment.BusinessId, from, to, removed,
                appointment.IsActive ? new BookedTime(appointment.StaffMemberId, appointment.ServiceId, appointment.StartUtc, appointment.EndUtc) : null);
        }
        return true;
    }

    /// <summary>An active appointment of the staff member (other than this one) overlapping its time: the exclusion
    /// constraint's own condition, so its index answers it.</summary>
    private const string OverlapSql = """
        SELECT EXISTS (SELECT 1 FROM "Appointments" WHERE "StaffMemberId" = $1 AND tstzrange("StartUtc", "EndUtc", '[)') && tstzrange($2, $3, '[)')
            AND "Status" IN ('Booked', 'Confirmed') AND "Id" <> $4)
        """;

    private static bool IsConflict(Exception ex) => ex switch
    {
        DbUpdateException { InnerException: PostgresException pg } => pg.SqlState is PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.UniqueViolation
            or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        DbUpdateException { InnerException: Microsoft.Data.Sqlite.SqliteException sqlite } => sqlite.SqliteErrorCode == 19, // constraint (unique idempotency key or phone)
        // EF Core's PostgreSQL execution strategy wraps the errors it deems transient (a deadlock among them) once more.
        InvalidOperationException { InnerException: DbUpdateException update } => IsConflict(update),
        _ => false,
    };

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The business's hours, closures, services, staff and booking rules, through the cache the receptionist reads
    /// too: every settings save drops it on every instance (<see cref="Calls.BusinessProfileCache.Invalidate"/>), so a
    /// booking never stands on settings older than the last save. Appointments and busy times are as current as
    /// the database's version of them (<see cref="BookedTimesCache"/>).
    /// </summary>
    private Task<SchedulingSetup?> SetupAsync(VoiceFlowDbContext db, DateTime nowUtc, CancellationToken cancellationToken) =>
        profiles.GetSchedulingSetupAsync(db, db.CurrentBusinessId, nowUtc, cancellationToken);

    public static string Describe(SlotUnavailableReason reason) => reason switch
    {
        SlotUnavailableReason.Taken => "That time is already taken.",
        SlotUnavailableReason.InPast => "That time has already passed.",
        SlotUnavailableReason.TooSoon => "That is too soon to book; more notice is needed.",
        SlotUnavailableReason.TooFarAhead => "That is too far ahead to book.",
        SlotUnavailableReason.Closed => "The business is closed then.",
        SlotUnavailableReason.ClosedForHoliday => "The business is closed that day.",
        SlotUnavailableReason.DstGap => "That local time does not exist (the clocks change that night).",
        SlotUnavailableReason.OutsideStaffHours => "No one is working then.",
        SlotUnavailableReason.StaffUnavailable => "That staff member is away that day.",
        SlotUnavailableReason.DailyLimitReached => "That day is fully booked.",
        SlotUnavailableReason.NotOnSlotGrid => "Appointments start on the schedule's time slots.",
        _ => "That time cannot be booked.",
    };

    public static string Describe(AvailabilityError error) => error switch
    {
        AvailabilityError.UnknownService => "That service does not exist.",
        AvailabilityError.ServiceInactive => "That service is no longer offered.",
        AvailabilityError.UnknownStaffMember => "That staff member does not exist.",
        AvailabilityError.StaffMemberInactive => "That staff member is no longer active.",
        AvailabilityError.StaffDoesNotPerformService => "That staff member does not perform this service.",
        AvailabilityError.NoStaffForService => "No one performs this service.",
        AvailabilityError.InvalidWindow => "The end must be after the start.",
        AvailabilityError.NotUtc => "Times must be given in UTC.",
        _ => "The request is not valid.",
    };
}
