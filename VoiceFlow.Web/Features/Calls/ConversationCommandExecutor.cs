using Microsoft.EntityFrameworkCore;
using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Conversation;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>Runs what the conversation engine asks for (availability, booking, moving, cancelling) and words the result as an event.</summary>
public sealed class ConversationCommandExecutor(
    IDbContextFactory<VoiceFlowDbContext> contexts, DatabaseOptionsHolder holder, BookingService booking, BusinessProfileCache profiles, BookedTimesCache bookedTimes,
    TimeProvider time)
{
    public sealed record Executed(CallerEvent Result, Guid? AppointmentId = null, Guid? CustomerId = null);

    public async Task<Executed> ExecuteAsync(ConversationCommand command, CallSession session, CancellationToken cancellationToken)
    {
        var actor = "caller:" + session.CallSid;
        switch (command)
        {
            case CheckAvailability check:
                return new Executed(await CheckAsync(check, session, cancellationToken));
            case BookAppointment book:
            {
                var result = await booking.BookAsync(new BookingRequest(book.ServiceId, book.Slot.StaffMemberId, book.Slot.StartUtc,
                    AppointmentSource.Phone, actor, CustomerName: book.CustomerName, CustomerPhone: book.CustomerPhone,
                    CustomerLanguage: book.Language, IdempotencyKey: session.CallSid), cancellationToken);
                return await ToEventAsync(result, session, cancellationToken);
            }
            case RescheduleAppointment move:
            {
                var result = await booking.RescheduleAsync(move.AppointmentId, move.Slot.StartUtc, move.Slot.StaffMemberId, actor, cancellationToken);
                return await ToEventAsync(result, session, cancellationToken);
            }
            case CancelAppointment cancel:
            {
                var result = await booking.CancelAsync(cancel.AppointmentId, "Cancelled by the caller on the phone", actor, cancellationToken);
                return new Executed(new CancellationCompleted(result.Succeeded), cancel.AppointmentId, result.Appointment?.CustomerId);
            }
            default:
                throw new InvalidOperationException($"Unknown conversation command {command.GetType().Name}.");
        }
    }

    private async Task<Executed> ToEventAsync(BookingResult result, CallSession session, CancellationToken cancellationToken)
    {
        // The time zone comes from the cached business profile: no extra query on the call's path.
        var profile = await profiles.GetAsync(session.BusinessId, cancellationToken);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(profile?.TimeZoneId ?? "") ?? DateTimeZone.Utc;
        SlotOption? slot = result.Appointment is { } a ? new SlotOption(a.StartUtc, ToLocal(zone, a.StartUtc), a.StaffMemberId) : null;
        var alternatives = result.AlternativeSlots.Select(s => new SlotOption(s.StartUtc, ToLocal(zone, s.StartUtc), s.StaffMemberId)).ToList();
        var failure = result.Succeeded ? null : result.Status == BookingStatus.Duplicate ? "duplicate" : result.Code ?? "failed";
        return new Executed(new BookingCompleted(result.Succeeded, result.Appointment?.Id, slot, alternatives, failure),
            result.Succeeded ? result.Appointment?.Id : null, result.Appointment?.CustomerId);
    }

    private async Task<CallerEvent> CheckAsync(CheckAvailability check, CallSession session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var date = check.Date.ToDateOnly();
        var dayUtc = DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        var searchFrom = dayUtc > now ? dayUtc : now;
        // On PostgreSQL with the setup cached (the usual case) the check needs no DbContext at all, not even a new one.
        VoiceFlowDbContext? db = null;
        try
        {
            var setup = profiles.CachedSchedulingSetup(session.BusinessId)
                ?? await profiles.GetSchedulingSetupAsync(db = await contexts.CreateDbContextAsync(cancellationToken), session.BusinessId, now, cancellationToken);
            if (setup is null)
            {
                return new AvailabilityChecked(null, [], "unknown_business");
            }
            // The day asked for and the following two weeks (for alternatives) first; the whole booking horizon only
            // when those weeks have too little free (the snapshot offers nothing past what it loaded).
            var snapshot = await LoadAsync(setup, now, searchFrom.AddDays(16), searchFrom.AddDays(-1));
            var answer = Answer(snapshot, check, date, now);
            if (answer.Requested is null && answer.Alternatives.Count < 2 && snapshot.BookedTimesUntilUtc < SchedulingSnapshotLoader.HorizonUtc(setup, now))
            {
                snapshot = await LoadAsync(setup, now, null, searchFrom.AddDays(-1));
                answer = Answer(snapshot, check, date, now);
            }
            return answer;
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }

        async Task<SchedulingSnapshot> LoadAsync(SchedulingSetup setup, DateTime nowUtc, DateTime? until, DateTime from) => holder.DataSource is { } dataSource
            ? await SchedulingSnapshotLoader.LoadAsync(dataSource, setup, nowUtc, cancellationToken, untilUtc: until, fromUtc: from, bookedTimes: bookedTimes)
            : await SchedulingSnapshotLoader.LoadAsync(db ??= await contexts.CreateDbContextAsync(cancellationToken), setup, nowUtc, cancellationToken,
                untilUtc: until, fromUtc: from, bookedTimes: bookedTimes);
    }

    private static AvailabilityChecked Answer(SchedulingSnapshot snapshot, CheckAvailability check, DateOnly date, DateTime now)
    {
        var zone = DateTimeZoneProviders.Tzdb[snapshot.TimeZoneId];
        var query = new SlotQuery(check.ServiceId, null, now);
        if (check.Time is { } wanted)
        {
            var result = AvailabilityEngine.CheckSlot(snapshot, query, date, wanted.ToTimeOnly());
            if (result.IsBookable && result.Slot is { } free)
            {
                return new AvailabilityChecked(new SlotOption(free.StartUtc, ToLocal(zone, free.StartUtc), free.StaffMemberId), [], null);
            }
            var desired = snapshot.ToUtc(date, wanted.ToTimeOnly());
            var desiredUtc = desired.Utc ?? snapshot.ToUtc(date, wanted.PlusHours(1).ToTimeOnly()).Utc ?? now;
            var alternatives = AvailabilityEngine.FindAlternatives(snapshot, query, desiredUtc, 2);
            return new AvailabilityChecked(null, Options(zone, alternatives), result.Error != AvailabilityError.None ? result.Error.ToString() : result.Reason.ToString());
        }
        // No time said: the first free times that day, within the part of the day asked for.
        var start = snapshot.ToUtc(date, (check.Earliest ?? LocalTime.Midnight).ToTimeOnly()).Utc ?? now;
        var end = check.Latest is { } latest ? snapshot.ToUtc(date, latest.ToTimeOnly()).Utc ?? start.AddDays(1) : snapshot.ToUtc(date.AddDays(1), TimeOnly.MinValue).Utc ?? start.AddDays(1);
        var sameDay = end > start ? AvailabilityEngine.FindSlots(snapshot, query, start < now ? now : start, end, 2) : new AvailabilityResult(AvailabilityError.InvalidWindow, []);
        if (sameDay.IsSuccess && sameDay.Slots.Count > 0)
        {
            return new AvailabilityChecked(null, Options(zone, sameDay), null);
        }
        var later = AvailabilityEngine.FindAlternatives(snapshot, query, start < now ? now : start, 2);
        return new AvailabilityChecked(null, Options(zone, later), "Taken");
    }

    private static List<SlotOption> Options(DateTimeZone zone, AvailabilityResult result) =>
        result.IsSuccess ? result.Slots.Select(s => new SlotOption(s.StartUtc, ToLocal(zone, s.StartUtc), s.StaffMemberId)).ToList() : [];

    private static LocalDateTime ToLocal(DateTimeZone zone, DateTime utc) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).LocalDateTime;
}
