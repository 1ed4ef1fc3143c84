using Microsoft.EntityFrameworkCore;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Infrastructure.Persistence;

/// <summary>
/// Creates a context per operation (Blazor components, webhooks, jobs) for the configured provider,
/// bound to the scope's tenant.
/// </summary>
internal sealed class VoiceFlowDbContextFactory(DatabaseOptionsHolder holder, ICurrentTenant tenant) : IDbContextFactory<VoiceFlowDbContext>
{
    public VoiceFlowDbContext CreateDbContext() => holder.Create(tenant);
}
