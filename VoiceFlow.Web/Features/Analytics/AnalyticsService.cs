using Microsoft.EntityFrameworkCore;
using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Analytics;

/// <summary>
/// The owner's figures for a range of local days, compared with the previous range of the same length: calls,
/// conversion, call length, outcomes, languages, appointments by service, no-shows and revenue.
/// </summary>
public sealed class AnalyticsService(IDbContextFactory<VoiceFlowDbContext> contexts, CurrentBusiness currentBusiness)
{
    public async Task<AnalyticsReport?> LoadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null || to < from)
        {
            return null;
        }
        var length = to.DayNumber - from.DayNumber + 1;
        var previousFrom = from.AddDays(-length);
        var startUtc = business.StartOfDayUtc(LocalDate.FromDateOnly(previousFrom));
        var splitUtc = business.StartOfDayUtc(LocalDate.FromDateOnly(from));
        var endUtc = business.StartOfDayUtc(LocalDate.FromDateOnly(to).PlusDays(1));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calls = await db.Calls.AsNoTracking()
            .Where(c => !c.IsTest && c.StartedUtc >= startUtc && c.StartedUtc < endUtc)
            .Select(c => new { c.StartedUtc, c.Outcome, c.DurationSeconds, c.Language })
            .ToListAsync(cancellationToken);
        var appointments = await (
                from a in db.Appointments.AsNoTracking()
                where a.StartUtc >= startUtc && a.StartUtc < endUtc
                join s in db.Services on a.ServiceId equals s.Id
                select new { a.StartUtc, a.CreatedUtc, a.Status, a.Source, s.Name, s.Price })
            .ToListAsync(cancellationToken);
        // Booked by phone = calls whose outcome was a booking (the receptionist's conversion).
        var bookedByPhone = calls.Where(c => c.Outcome == CallOutcome.Booked).Select(c => c.StartedUtc).ToList();

        PeriodFigures Figures(DateTime fromUtc, DateTime toUtc)
        {
            var periodCalls = calls.Where(c => c.StartedUtc >= fromUtc && c.StartedUtc < toUtc).ToList();
            var periodAppointments = appointments.Where(a => a.StartUtc >= fromUtc && a.StartUtc < toUtc).ToList();
            var durations = periodCalls.Where(c => c.DurationSeconds is not null).Select(c => c.DurationSeconds!.Value).ToList();
            return new PeriodFigures(
                periodCalls.Count,
                bookedByPhone.Count(t => t >= fromUtc && t < toUtc),
                durations.Count == 0 ? 0 : durations.Average(),
                periodAppointments.Count(a => a.Status != AppointmentStatus.Cancelled),
                periodAppointments.Count(a => a.Status == AppointmentStatus.NoShow),
                periodAppointments.Count(a => a.Status == AppointmentStatus.Completed),
                periodAppointments.Where(a => a.Status == AppointmentStatus.Completed).Sum(a => a.Price));
        }

        var current = calls.Where(c => c.StartedUtc >= splitUtc).ToList();
        var days = Enumerable.Range(0, length).Select(i => from.AddDays(i)).Select(day =>
        {
            var dayStart = business.StartOfDayUtc(LocalDate.FromDateOnly(day));
            var dayEnd = business.StartOfDayUtc(LocalDate.FromDateOnly(day).PlusDays(1));
            return new DayFigures(day, current.Count(c => c.StartedUtc >= dayStart && c.StartedUtc < dayEnd),
                bookedByPhone.Count(t => t >= dayStart && t < dayEnd));
        }).ToList();
        var outcomes = current.GroupBy(c => c.Outcome).OrderByDescending(g => g.Count())
            .Select(g => new NamedCount(g.Key.ToString(), g.Count())).ToList();
        var languages = current.GroupBy(c => c.Language).OrderByDescending(g => g.Count())
            .Select(g => new NamedCount(g.Key, g.Count())).ToList();
        var services = appointments.Where(a => a.StartUtc >= splitUtc && a.Status != AppointmentStatus.Cancelled)
            .GroupBy(a => a.Name).OrderByDescending(g => g.Count()).Select(g => new NamedCount(g.Key, g.Count())).ToList();
        return new AnalyticsReport(from, to, Figures(splitUtc, endUtc), Figures(startUtc, splitUtc), days, outcomes, languages, services);
    }
}
