using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Calendar;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class CalendarConnectionConfiguration : IEntityTypeConfiguration<CalendarConnection>
{
    public void Configure(EntityTypeBuilder<CalendarConnection> builder)
    {
        builder.Property(c => c.AccountEmail).HasMaxLength(256);
        builder.Property(c => c.LastError).HasMaxLength(1000);
        builder.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.BusinessId);
    }
}
