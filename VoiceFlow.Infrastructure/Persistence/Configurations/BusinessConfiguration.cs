using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.Property(b => b.TimeZoneId).HasMaxLength(64);
        builder.Property(b => b.DefaultLanguage).HasMaxLength(8);
        builder.Property(b => b.TransferNumber).HasMaxLength(20);
        builder.Property(b => b.Address).HasMaxLength(500);
        builder.Property(b => b.GreetingEn).HasMaxLength(500);
        builder.Property(b => b.GreetingFr).HasMaxLength(500);
        builder.ComplexProperty(b => b.Reminders);
        builder.ComplexProperty(b => b.Booking);
        builder.HasMany(b => b.PhoneNumbers).WithOne().HasForeignKey(p => p.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.PhoneNumbers).HasField("_phoneNumbers").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
