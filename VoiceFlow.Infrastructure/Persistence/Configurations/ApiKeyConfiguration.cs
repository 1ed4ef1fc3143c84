using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Integrations;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength);
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.CreatedBy).HasMaxLength(128);
        builder.Ignore(k => k.IsActive);
        builder.HasOne<Business>().WithMany().HasForeignKey(k => k.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasIndex(k => new { k.BusinessId, k.CreatedUtc });
    }
}
