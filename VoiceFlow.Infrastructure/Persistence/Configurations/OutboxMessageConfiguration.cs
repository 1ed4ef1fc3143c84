using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Messaging;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Topic).HasMaxLength(64);
        builder.Property(m => m.ExternalId).HasMaxLength(64);
        builder.Property(m => m.ExternalStatus).HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasOne<Business>().WithMany().HasForeignKey(m => m.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.Status, m.NextAttemptUtc });
        builder.HasIndex(m => m.AppointmentId);
        builder.HasIndex(m => m.ExternalId);
    }
}
