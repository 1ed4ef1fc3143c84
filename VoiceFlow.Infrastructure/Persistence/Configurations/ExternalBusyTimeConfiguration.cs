using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class ExternalBusyTimeConfiguration : IEntityTypeConfiguration<ExternalBusyTime>
{
    public void Configure(EntityTypeBuilder<ExternalBusyTime> builder)
    {
        builder.Property(b => b.Source).HasMaxLength(32);
        builder.Property(b => b.ExternalId).HasMaxLength(1024);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(b => b.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.BusinessId, b.StaffMemberId, b.StartUtc });
        builder.HasIndex(b => new { b.BusinessId, b.Source, b.ExternalId }).IsUnique();
    }
}
