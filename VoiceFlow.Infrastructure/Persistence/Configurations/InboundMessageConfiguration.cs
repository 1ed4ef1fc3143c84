using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Messaging;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.Property(m => m.MessageSid).HasMaxLength(64);
        builder.Property(m => m.From).HasMaxLength(48);
        builder.Property(m => m.To).HasMaxLength(48);
        builder.Property(m => m.Body).HasMaxLength(InboundMessage.MaxBodyLength);
        builder.Property(m => m.Outcome).HasMaxLength(200);
        builder.HasOne<Business>().WithMany().HasForeignKey(m => m.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.BusinessId, m.ReceivedUtc });
        // Twilio may deliver the same webhook twice: one row per message.
        builder.HasIndex(m => m.MessageSid).IsUnique();
    }
}
