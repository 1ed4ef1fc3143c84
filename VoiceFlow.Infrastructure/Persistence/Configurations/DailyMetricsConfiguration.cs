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
        builder.ComplexProperty(m => m.Figures, figures =>
        {
            figures.Property(f => f.HourlyCalls).HasMaxLength(200);
            figures.Property(f => f.ServiceCounts).HasMaxLength(4000);
            figures.Property(f => f.StaffCounts).HasMaxLength(4000);
        });
    }
}
