using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>
/// Migrates the database before anything else starts (it is registered first, so even the Data Protection key ring
/// finds its table). <c>Database:MigrateOnStartup=false</c> leaves it to the <c>migrate</c> verb.
/// </summary>
internal sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        configuration.GetValue("Database:MigrateOnStartup", true) ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
