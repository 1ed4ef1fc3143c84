using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>PostgreSQL: the engine at scale. Its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresVoiceFlowDbContext(DbContextOptions<PostgresVoiceFlowDbContext> options, ICurrentTenant? tenant = null)
    : VoiceFlowDbContext(options, tenant)
{
    /// <summary>Name of the exclusion constraint that makes double booking impossible.</summary>
    public const string NoOverlapConstraint = "ex_appointments_staff_no_overlap";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("btree_gist");
    }

    /// <summary>SQL for the exclusion constraint: active appointments of one staff member never overlap.</summary>
    internal static string CreateNoOverlapConstraintSql =>
        $"""
        ALTER TABLE "Appointments" ADD CONSTRAINT {NoOverlapConstraint}
        EXCLUDE USING gist ("StaffMemberId" WITH =, tstzrange("StartUtc", "EndUtc", '[)') WITH &&)
        WHERE ("Status" IN ('{nameof(AppointmentStatus.Booked)}', '{nameof(AppointmentStatus.Confirmed)}'));
        """;
}
