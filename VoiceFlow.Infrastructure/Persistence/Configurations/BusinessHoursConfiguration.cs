using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class BusinessHoursConfiguration : IEntityTypeConfiguration<BusinessHours>
{
    public void Configure(EntityTypeBuilder<BusinessHours> builder)
    {
        builder.HasOne<Business>().WithMany().HasForeignKey(h => h.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.BusinessId, h.Day });
    }
}
