using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVoiceFlowDbContext>
{
    public SqliteVoiceFlowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVoiceFlowDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Design-time factory for the PostgreSQL context (no server is contacted).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVoiceFlowDbContext>
{
    public PostgresVoiceFlowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVoiceFlowDbContext>().UseNpgsql("Host=localhost;Database=voiceflow").Options);
}
