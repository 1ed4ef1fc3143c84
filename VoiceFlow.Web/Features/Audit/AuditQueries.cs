using Microsoft.EntityFrameworkCore;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Appointments;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Audit;

/// <summary>
/// The audit viewer's reads. Owners see their own business (the tenant filter); platform admins pass the business they
/// chose, read across tenants on purpose.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<VoiceFlowDbContext> contexts)
{
    public async Task<IReadOnlyList<BusinessOption>> BusinessesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Businesses.IgnoreQueryFilters().AsNoTracking().OrderBy(b => b.Name)
            .Select(b => new BusinessOption(b.Id, b.Name)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(Guid? businessId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Entries(db, businessId).Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <param name="businessId">null: the signed-in user's business; a value: that business (platform admins only).</param>
    public async Task<PagedResult<AuditRow>> QueryAsync(Guid? businessId, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var business = businessId is { } id
            ? await db.Businesses.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            : await db.Businesses.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (business is null)
        {
            return new PagedResult<AuditRow>([], 0);
        }
        var summary = new BusinessSummary(business.Id, business.Name, business.TimeZoneId, business.DefaultLanguage);
        var entries = Entries(db, businessId);
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            entries = entries.Where(a => a.EntityType == filter.EntityType);
        }
        if (filter.From is { } from)
        {
            var fromUtc = summary.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(a => a.AtUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = summary.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(a => a.AtUtc < toUtc);
        }
        var rows = entries.Select(a => new
        {
            a.Id, a.AtUtc, a.Actor, a.Action, a.EntityType, a.EntityId, a.Before, a.After,
            Name = db.Users.Where(u => "user:" + u.Id == a.Actor).Select(u => u.Email).FirstOrDefault(),
        });
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var pattern = AppointmentsService.LikePattern(filter.Actor);
            rows = rows.Where(r => EF.Functions.Like(r.Actor.ToLower(), pattern) || (r.Name != null && EF.Functions.Like(r.Name.ToLower(), pattern)));
        }
        var total = await rows.CountAsync(cancellationToken);
        var list = await rows.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<AuditRow>(list.Select(r => new AuditRow(r.Id, summary.ToLocal(r.AtUtc), r.Actor, r.Name ?? r.Actor, r.Action, r.EntityType, r.EntityId, r.Before, r.After)).ToList(), total);
    }

    private static IQueryable<Domain.Auditing.AuditEntry> Entries(VoiceFlowDbContext db, Guid? businessId) =>
        businessId is { } id
            ? db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.BusinessId == id)
            : db.AuditEntries.AsNoTracking();
}
