using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Booking;

/// <summary>Loads what availability needs for one business in a handful of queries.</summary>
internal static class SchedulingSnapshotLoader
{
    public static async Task<(Business Business, SchedulingSnapshot Snapshot)?> LoadAsync(
        VoiceFlowDbContext db, DateTime nowUtc, CancellationToken cancellationToken, DateTime? untilUtc = null, Guid? excludeAppointmentId = null, DateTime? fromUtc = null)
    {
        var business = await db.Businesses.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        var from = fromUtc ?? nowUtc.AddDays(-1);
        var until = untilUtc ?? nowUtc.AddDays(business.Booking.MaximumDaysAhead + 2);
        var hours = await db.BusinessHours.AsNoTracking().ToListAsync(cancellationToken);
        var closures = await db.Closures.AsNoTracking().Where(c => c.To >= DateOnly.FromDateTime(from)).ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().ToListAsync(cancellationToken);
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.EndUtc > from && a.StartUtc < until && a.Id != excludeAppointmentId && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed))
            .ToListAsync(cancellationToken);
        var busy = await db.ExternalBusyTimes.AsNoTracking().Where(b => b.EndUtc > from && b.StartUtc < until).ToListAsync(cancellationToken);
        var snapshot = SchedulingSnapshot.Create(business, hours.Select(h => h.ToWeeklyHours()), closures, services, staff, appointments, busy);
        return (business, snapshot);
    }
}
