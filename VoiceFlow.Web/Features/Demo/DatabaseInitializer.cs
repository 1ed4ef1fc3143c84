using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceFlow.Infrastructure.Identity;

namespace VoiceFlow.Web.Features.Demo;

/// <summary>At start-up, after migration and before the server listens: create the roles, seed the demo business when enabled.</summary>
internal sealed class DatabaseInitializer(
    IServiceProvider services,
    IOptions<DemoOptions> demo,
    IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (demo.Value.Enabled ?? !environment.IsProduction())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
