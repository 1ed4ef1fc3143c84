using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NodaTime;
using VoiceFlow.Domain.Conversation;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// Which business answers a number, its profile and its scheduling setup, cached for half a minute so a webhook's hot
/// path is one session read, one transcript insert and one session write. A settings save drops a business's entries
/// at once on this instance and, through <see cref="Settings.SettingsChangeNotifier"/>, on the others.
/// </summary>
public sealed class BusinessProfileCache(DatabaseOptionsHolder database, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // When an entry expires under load, one request reloads it and the others wait for that load (no stampede of
    // identical queries at the moment many calls are in progress).
    private readonly ConcurrentDictionary<Guid, Task<BusinessProfile?>> _loading = new();

    // Bumped by every invalidation: a load that began before a settings save does not cache what it read.
    private readonly ConcurrentDictionary<Guid, long> _generations = new();

    public async Task<Guid?> FindBusinessByNumberAsync(string calledNumber, CancellationToken cancellationToken)
    {
        if (!Domain.Customers.PhoneNumber.TryParse(calledNumber, out var number))
        {
            return null;
        }
        var key = "vf:number:" + number!.E164;
        if (cache.TryGetValue(key, out Guid? found))
        {
            return found;
        }
        await using var db = database.Create(tenant: null);
        found = await db.BusinessPhoneNumbers.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Number == number.E164).Select(p => (Guid?)p.BusinessId).FirstOrDefaultAsync(cancellationToken);
        cache.Set(key, found, Lifetime);
        return found;
    }

    public async Task<BusinessProfile?> GetAsync(Guid businessId, CancellationToken cancellationToken)
    {
        var key = "vf:profile:" + businessId;
        if (cache.TryGetValue(key, out BusinessProfile? profile) && profile is not null)
        {
            return profile;
        }
        var loading = _loading.GetOrAdd(businessId, id => LoadAsync(id, key));
        try
        {
            return await loading.WaitAsync(cancellationToken);
        }
        finally
        {
            if (loading.IsCompleted)
            {
                _loading.TryRemove(new KeyValuePair<Guid, Task<BusinessProfile?>>(businessId, loading));
            }
        }
    }

    private async Task<BusinessProfile?> LoadAsync(Guid businessId, string key)
    {
        var cancellationToken = CancellationToken.None; // shared by every waiter: none of them may cancel it for the others
        var generation = Generation(businessId);
        await using var db = database.Create(tenant: null);
        var business = await db.Businesses.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(b => b.Id == businessId, cancellationToken);
        if (business is null)
        {
            return null;
        }
        var services = await db.Services.IgnoreQueryFilters().AsNoTracking().Where(s => s.BusinessId == businessId && s.IsActive)
            .OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var hours = await db.BusinessHours.IgnoreQueryFilters().AsNoTracking().Where(h => h.BusinessId == businessId).ToListAsync(cancellationToken);
        var closures = await db.Closures.IgnoreQueryFilters().AsNoTracking().Where(c => c.BusinessId == businessId && c.StaffMemberId == null)
            .Select(c => new { c.From, c.To }).ToListAsync(cancellationToken);
        var overrides = new Dictionary<string, string>();
        if (business.GreetingEn is not null)
        {
            overrides["greeting.en-CA"] = business.GreetingEn;
        }
        if (business.GreetingFr is not null)
        {
            overrides["greeting.fr-CA"] = business.GreetingFr;
        }
        var profile = new BusinessProfile(
            business.Id, business.Name, business.TimeZoneId, business.DefaultLanguage, business.TransferNumber, business.Address,
            services.Select(s => new ServiceOption(s.Id, s.Name, s.NameFr, s.Synonyms, (int)s.Duration.TotalMinutes)).ToList(),
            hours.OrderBy(h => h.Day == DayOfWeek.Sunday ? 7 : (int)h.Day).ThenBy(h => h.Opens)
                .Select(h => new OpeningHours(NodaTime.Extensions.DayOfWeekExtensions.ToIsoDayOfWeek(h.Day), LocalTime.FromTimeOnly(h.Opens), LocalTime.FromTimeOnly(h.Closes))).ToList(),
            closures.Select(c => (c.From, c.To)).ToList(),
            overrides);
        if (generation == Generation(businessId))
        {
            cache.Set(key, profile, Lifetime);
        }
        return profile;
    }

    /// <summary>
    /// The business's scheduling setup (hours, closures, services, staff, booking rules) for availability and booking,
    /// read through <paramref name="db"/> (the business's context: <paramref name="businessId"/> must be its tenant) and
    /// kept as long as the profile, until a settings save drops it on every instance (<see cref="Invalidate"/>).
    /// Appointments and busy times are not kept here (<see cref="BookedTimesCache"/> keeps them, checking their version
    /// on every use). The setup's entities are shared: read them, never change them.
    /// </summary>
    internal async Task<SchedulingSetup?> GetSchedulingSetupAsync(VoiceFlowDbContext db, Guid businessId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var key = "vf:scheduling-setup:" + businessId;
        if (cache.TryGetValue(key, out SchedulingSetup? setup))
        {
            return setup;
        }
        var generation = Generation(businessId);
        // Closures from two days back: a cached setup still knows every closure that can matter while it lives.
        setup = await SchedulingSnapshotLoader.LoadSetupAsync(db, DateOnly.FromDateTime(nowUtc.AddDays(-2)), cancellationToken);
        if (setup is not null && generation == Generation(businessId))
        {
            cache.Set(key, setup, Lifetime);
        }
        return setup;
    }

    /// <summary>The business's scheduling setup if it is cached now (no database, no context needed), else null.</summary>
    internal SchedulingSetup? CachedSchedulingSetup(Guid businessId) =>
        cache.TryGetValue("vf:scheduling-setup:" + businessId, out SchedulingSetup? setup) ? setup : null;

    /// <summary>Forgets what is cached about a business, so its next call or booking uses settings just saved.</summary>
    public void Invalidate(Guid businessId)
    {
        _generations.AddOrUpdate(businessId, 1, (_, g) => g + 1);
        cache.Remove("vf:profile:" + businessId);
        cache.Remove("vf:scheduling-setup:" + businessId);
    }

    private long Generation(Guid businessId) => _generations.GetValueOrDefault(businessId);
}
