using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class BusinessPhoneNumberConfiguration : IEntityTypeConfiguration<BusinessPhoneNumber>
{
    public void Configure(EntityTypeBuilder<BusinessPhoneNumber> builder)
    {
        builder.Property(p => p.Number).HasMaxLength(20);
        // A called number picks exactly one tenant.
        builder.HasIndex(p => p.Number).IsUnique();
    }
}
