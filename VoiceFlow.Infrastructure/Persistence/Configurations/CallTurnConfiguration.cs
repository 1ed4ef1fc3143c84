using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Calls;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class CallTurnConfiguration : IEntityTypeConfiguration<CallTurn>
{
    public void Configure(EntityTypeBuilder<CallTurn> builder)
    {
        builder.Property(t => t.Text).HasMaxLength(CallTurn.MaxTextLength);
        builder.Ignore(t => t.IsLowConfidence);
        builder.HasOne<Call>().WithMany().HasForeignKey(t => t.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.CallId, t.Sequence }).IsUnique();
    }
}
