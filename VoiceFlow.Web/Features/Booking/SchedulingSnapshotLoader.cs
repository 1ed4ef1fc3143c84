using Microsoft.EntityFrameworkCore;
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
/// until a settings save) and, every time, the appointments and busy times of the window asked about.
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
    /// A snapshot from a (possibly cached) setup and the appointments and busy times loaded now, from
    /// <paramref name="fromUtc"/> (default: yesterday) until <paramref name="untilUtc"/> (default: the booking horizon).
    /// The snapshot knows where its window ends and never offers a time past it.
    /// </summary>
    public static async Task<SchedulingSnapshot> LoadAsync(
        VoiceFlowDbContext db, SchedulingSetup setup, DateTime nowUtc, CancellationToken cancellationToken, DateTime? untilUtc = null,
        Guid? excludeAppointmentId = null, DateTime? fromUtc = null)
    {
        var from = fromUtc ?? nowUtc.AddDays(-1);
        var until = untilUtc ?? HorizonUtc(setup, nowUtc);
        // Only what availability reads of each active appointment (two weeks of a busy clinic are a couple of thousand
        // rows) and of each outside busy time, in one query (UNION ALL): one round trip per availability check.
        var taken = await db.Appointments.AsNoTracking()
            .Where(a => a.EndUtc > from && a.StartUtc < until && a.Id != excludeAppointmentId && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed))
            .Select(a => new { a.StaffMemberId, ServiceId = (Guid?)a.ServiceId, a.StartUtc, a.EndUtc })
            .Concat(db.ExternalBusyTimes.AsNoTracking().Where(b => b.EndUtc > from && b.StartUtc < until)
                .Select(b => new { b.StaffMemberId, ServiceId = (Guid?)null, b.StartUtc, b.EndUtc }))
            .Select(t => new BookedTime(t.StaffMemberId, t.ServiceId, t.StartUtc, t.EndUtc))
            .ToListAsync(cancellationToken);
        return SchedulingSnapshot.FromBookedTimes(
            setup.Business.TimeZoneId, setup.Business.Booking, setup.Hours, setup.Closures, setup.Services, setup.Staff, taken, until);
    }
}
