using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>Staff members: list, create, edit name, services and working hours through the entity, audit.</summary>
public sealed class StaffSettingsService(IDbContextFactory<VoiceFlowDbContext> contexts, SettingsAudit audit)
{
    public async Task<List<StaffForm>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        return staff.Select(ToForm).ToList();
    }

    public async Task<List<NamedOption>> ServiceOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Services.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name).Select(s => new NamedOption(s.Id, s.Name)).ToListAsync(cancellationToken);
    }

    private static StaffForm ToForm(StaffMember s) => new()
    {
        Id = s.Id,
        Name = s.Name,
        IsActive = s.IsActive,
        ServiceIds = [.. s.ServiceIds],
        Days = DayHoursForm.FromHours(s.WorkingHours),
    };

    public async Task<SettingsResult> SaveAsync(StaffForm form, string actorUserId, CancellationToken cancellationToken = default)
    {
        List<WeeklyHours> hours;
        try
        {
            hours = DayHoursForm.ToHours(form.Days);
        }
        catch (DomainException ex)
        {
            var day = form.Days.FirstOrDefault(d => { try { DayHoursForm.ToHours([d]); return false; } catch (DomainException) { return true; } })?.Day;
            return SettingsResult.Invalid($"hours:{day}", ex.Code, ex.Message);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var businessId = db.CurrentBusinessId;
        StaffMember member;
        object? before = null;
        try
        {
            if (form.Id is { } id)
            {
                member = await db.StaffMembers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
                    ?? throw new DomainException("staff.missing", "This staff member no longer exists.");
                before = Snapshot(member);
                member.Rename(form.Name ?? "");
            }
            else
            {
                member = new StaffMember(businessId, form.Name ?? "");
                db.StaffMembers.Add(member);
            }
            member.ChangeServices(form.ServiceIds);
            member.SetWorkingHours(hours);
            if (form.IsActive) { member.Activate(); } else { member.Deactivate(); }
        }
        catch (DomainException ex)
        {
            return SettingsResult.Invalid(ex.Code.StartsWith("hours", StringComparison.Ordinal) ? "hours" : "name", ex.Code, ex.Message);
        }

        var after = Snapshot(member);
        var changes = new List<SettingsChange>();
        if (before is null)
        {
            changes.Add(new SettingsChange("new staff member {0}", member.Name));
        }
        else
        {
            var b = (StaffSnapshot)before;
            if (b.Name != after.Name) { changes.Add(new("name of {0}", member.Name)); }
            if (!b.Services.SequenceEqual(after.Services)) { changes.Add(new("services of {0}", member.Name)); }
            foreach (var day in DayHoursForm.Week)
            {
                if (DayHoursForm.Describe(b.Hours, day) != DayHoursForm.Describe(after.Hours, day))
                {
                    changes.Add(new("hours of {0} on {1}", member.Name, day.ToString()));
                }
            }
            if (b.IsActive != after.IsActive) { changes.Add(new(after.IsActive ? "{0} reactivated" : "{0} deactivated", member.Name)); }
        }
        if (changes.Count == 0)
        {
            return SettingsResult.Saved(changes);
        }
        audit.Record(db, businessId, actorUserId, before is null ? "settings.staff.created" : "settings.staff.updated", "StaffMember", member.Id,
            before, after);
        await db.SaveChangesAsync(cancellationToken);
        return SettingsResult.Saved(changes);
    }

    private static StaffSnapshot Snapshot(StaffMember s) =>
        new(s.Name, s.IsActive, s.ServiceIds.Order().ToList(), s.WorkingHours.ToList());

    private sealed record StaffSnapshot(string Name, bool IsActive, List<Guid> Services, List<WeeklyHours> Hours);
}
