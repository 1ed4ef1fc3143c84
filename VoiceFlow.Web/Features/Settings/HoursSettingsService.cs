using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>Opening hours (several intervals a day) and closures: load, validate through the domain, replace, audit.</summary>
public sealed class HoursSettingsService(IDbContextFactory<VoiceFlowDbContext> contexts, SettingsAudit audit)
{
    public async Task<HoursForm> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hours = await db.BusinessHours.AsNoTracking().Select(h => new WeeklyHours(h.Day, h.Opens, h.Closes)).ToListAsync(cancellationToken);
        var closures = await db.Closures.AsNoTracking().OrderBy(c => c.From)
            .Select(c => new ClosureForm { Id = c.Id, From = c.From.ToDateTime(TimeOnly.MinValue), To = c.To.ToDateTime(TimeOnly.MinValue), Reason = c.Reason, StaffMemberId = c.StaffMemberId })
            .ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().OrderBy(s => s.Name).Select(s => new NamedOption(s.Id, s.Name)).ToListAsync(cancellationToken);
        return new HoursForm { Days = DayHoursForm.FromHours(hours), Closures = closures, Staff = staff };
    }

    public async Task<SettingsResult> SaveAsync(HoursForm form, string actorUserId, CancellationToken cancellationToken = default)
    {
        List<WeeklyHours> hours;
        try
        {
            hours = DayHoursForm.ToHours(form.Days);
        }
        catch (DomainException ex)
        {
            var day = FailedDay(form.Days);
            return SettingsResult.Invalid($"hours:{day}", ex.Code, ex.Message);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var businessId = db.CurrentBusinessId;
        var rows = await db.BusinessHours.ToListAsync(cancellationToken);
        var before = rows.Select(r => r.ToWeeklyHours()).ToList();
        var changes = new List<SettingsChange>();
        foreach (var day in DayHoursForm.Week)
        {
            if (DayHoursForm.Describe(before, day) != DayHoursForm.Describe(hours, day))
            {
                changes.Add(new SettingsChange("opening hours on {0}", day.ToString()));
            }
        }
        if (changes.Count > 0)
        {
            db.BusinessHours.RemoveRange(rows);
            db.BusinessHours.AddRange(hours.Select(h => new BusinessHours(businessId, h)));
            audit.Record(db, businessId, actorUserId, "settings.hours.updated", "BusinessHours", businessId,
                before.Select(h => $"{h.Day} {h.Opens:HH\\:mm}-{h.Closes:HH\\:mm}"), hours.Select(h => $"{h.Day} {h.Opens:HH\\:mm}-{h.Closes:HH\\:mm}"));
        }

        var existing = await db.Closures.ToListAsync(cancellationToken);
        var keptIds = form.Closures.Where(c => c.Id is not null).Select(c => c.Id!.Value).ToHashSet();
        foreach (var removed in existing.Where(c => !keptIds.Contains(c.Id)))
        {
            db.Closures.Remove(removed);
            audit.Record(db, businessId, actorUserId, "settings.closure.removed", "Closure", removed.Id,
                new { removed.From, removed.To, removed.Reason, removed.StaffMemberId }, null);
            changes.Add(new SettingsChange("closure removed: {0}", removed.Reason));
        }
        for (var i = 0; i < form.Closures.Count; i++)
        {
            var c = form.Closures[i];
            if (c.Id is not null)
            {
                continue;
            }
            if (c.From is null || c.To is null)
            {
                return SettingsResult.Invalid($"closure:{i}", "closure.dates_required", "Choose the first and last day of the closure.");
            }
            Closure closure;
            try
            {
                closure = new Closure(businessId, DateOnly.FromDateTime(c.From.Value), DateOnly.FromDateTime(c.To.Value), c.Reason, c.StaffMemberId);
            }
            catch (DomainException ex)
            {
                return SettingsResult.Invalid($"closure:{i}", ex.Code, ex.Message);
            }
            db.Closures.Add(closure);
            audit.Record(db, businessId, actorUserId, "settings.closure.added", "Closure", closure.Id, null,
                new { closure.From, closure.To, closure.Reason, closure.StaffMemberId });
            changes.Add(new SettingsChange("closure added: {0}", closure.Reason));
        }
        if (changes.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return SettingsResult.Saved(changes);
    }

    private static DayOfWeek? FailedDay(IEnumerable<DayHoursForm> days)
    {
        foreach (var day in days)
        {
            try
            {
                _ = DayHoursForm.ToHours([day]);
            }
            catch (DomainException)
            {
                return day.Day;
            }
        }
        return null;
    }
}
