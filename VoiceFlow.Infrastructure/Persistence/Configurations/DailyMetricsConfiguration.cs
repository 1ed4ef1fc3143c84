using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Analytics;
using VoiceFlow.Domain.Businesses;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class DailyMetricsConfiguration : IEntityTypeConfiguration<DailyMetrics>
{
    public void Configure(EntityTypeBuilder<DailyMetrics> builder)
    {
        builder.HasOne<Business>().WithMany().HasForeignKey(m => m.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.BusinessId, m.Day }).IsUnique();
    }
}
