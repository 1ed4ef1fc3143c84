using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Analytics;
using VoiceFlow.Domain.Businesses;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class AnalyticsSettingsConfiguration : IEntityTypeConfiguration<AnalyticsSettings>
{
    public void Configure(EntityTypeBuilder<AnalyticsSettings> builder)
    {
        builder.HasOne<Business>().WithMany().HasForeignKey(s => s.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.BusinessId).IsUnique();
        builder.Property(s => s.VoicePerMinute).HasPrecision(10, 4);
        builder.Property(s => s.SmsPerSegment).HasPrecision(10, 4);
        builder.Property(s => s.StaffMinutesPerCall).HasPrecision(8, 2);
        builder.Property(s => s.StaffHourlyWage).HasPrecision(10, 2);
    }
}
