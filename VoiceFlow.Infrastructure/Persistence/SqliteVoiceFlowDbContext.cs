using Microsoft.EntityFrameworkCore;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>The embedded default: a file database. Its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteVoiceFlowDbContext(DbContextOptions<SqliteVoiceFlowDbContext> options, ICurrentTenant? tenant = null)
    : VoiceFlowDbContext(options, tenant)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
