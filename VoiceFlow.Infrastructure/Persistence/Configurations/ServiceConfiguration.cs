using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.NameFr).HasMaxLength(100);
        builder.Property(s => s.Color).HasMaxLength(16);
        builder.Property(s => s.Synonyms);
        builder.HasOne<Business>().WithMany().HasForeignKey(s => s.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.BusinessId, s.Name }).IsUnique();
    }
}
