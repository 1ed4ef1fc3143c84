using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Analytics;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Integrations;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>
/// The application database. Tenant-owned rows are filtered to <see cref="CurrentBusinessId"/>;
/// crossing tenants takes an explicit <c>IgnoreQueryFilters()</c>.
/// One subclass per provider carries that provider's migrations.
/// </summary>
public abstract class VoiceFlowDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(VoiceFlowDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly ICurrentTenant? _tenant;

    protected VoiceFlowDbContext(DbContextOptions options, ICurrentTenant? tenant)
        : base(options)
    {
        _tenant = tenant;
    }

    /// <summary>The tenant this context sees; <see cref="Guid.Empty"/> (nothing) when none is set.</summary>
    public Guid CurrentBusinessId => _tenant?.BusinessId ?? Guid.Empty;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// PostgreSQL's pooled data source, for the hot path's hand-written reads (they need no context services, so a
    /// context used only for them is never initialized); null on SQLite and on contexts with a connection of their own.
    /// </summary>
    public Npgsql.NpgsqlDataSource? DataSource { get; init; }

    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<BusinessPhoneNumber> BusinessPhoneNumbers => Set<BusinessPhoneNumber>();
    public DbSet<BusinessHours> BusinessHours => Set<BusinessHours>();
    public DbSet<Closure> Closures => Set<Closure>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<ExternalBusyTime> ExternalBusyTimes => Set<ExternalBusyTime>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<CallTurn> CallTurns => Set<CallTurn>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();
    public DbSet<CalendarConnection> CalendarConnections => Set<CalendarConnection>();
    public DbSet<CalendarMapping> CalendarMappings => Set<CalendarMapping>();
    public DbSet<CalendarEventLink> CalendarEventLinks => Set<CalendarEventLink>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DailyMetrics> DailyMetrics => Set<DailyMetrics>();
    public DbSet<AnalyticsSettings> AnalyticsSettings => Set<AnalyticsSettings>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>What an erased audit snapshot holds: the one change the database lets an audit row undergo.</summary>
    public const string ErasedSnapshot = "{\"erased\":true}";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Erasure: replaces the before/after snapshots of the audit rows about <paramref name="entityIds"/> with a marker,
    /// keeping who did what and when. The only change audit rows ever see; on PostgreSQL it has to announce itself to the
    /// database triggers (Privacy migration) reject every other UPDATE and every DELETE.
    /// </summary>
    public Task<int> RedactAuditSnapshotsAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken = default) =>
        entityIds.Count == 0
            ? Task.FromResult(0)
            : AuditEntries.IgnoreQueryFilters()
                .Where(a => a.EntityId != null && entityIds.Contains(a.EntityId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Before, a => a.Before == null ? null : ErasedSnapshot)
                    .SetProperty(a => a.After, a => a.After == null ? null : ErasedSnapshot), cancellationToken);

    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries are append-only: they can be added, never changed or deleted.");
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VoiceFlowDbContext).Assembly);

        builder.Entity<Business>().HasQueryFilter(b => b.Id == CurrentBusinessId);
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) && !entityType.IsOwned())
            {
                ApplyTenantFilterMethod.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
            }
        }
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder)
        where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => e.BusinessId == CurrentBusinessId);
}
