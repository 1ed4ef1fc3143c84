using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Customers;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Phone).HasMaxLength(48);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.Ignore(c => c.FirstName);
        builder.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Cascade);
        // The same person is never created twice for one business.
        builder.HasIndex(c => new { c.BusinessId, c.Phone }).IsUnique();
        builder.HasIndex(c => new { c.BusinessId, c.Name });
    }
}
