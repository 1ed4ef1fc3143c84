using Microsoft.EntityFrameworkCore;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Businesses;

/// <summary>Loads (once per circuit or request) the summary of the tenant's business.</summary>
public sealed class CurrentBusiness(IDbContextFactory<VoiceFlowDbContext> contexts)
{
    private BusinessSummary? _summary;

    public async Task<BusinessSummary?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_summary is not null)
        {
            return _summary;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _summary = await db.Businesses.AsNoTracking()
            .Select(b => new BusinessSummary(b.Id, b.Name, b.TimeZoneId, b.DefaultLanguage))
            .FirstOrDefaultAsync(cancellationToken);
        return _summary;
    }

    /// <summary>Forget the cached summary after Settings changed it.</summary>
    public void Invalidate() => _summary = null;
}
