using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class CalendarMappingConfiguration : IEntityTypeConfiguration<CalendarMapping>
{
    public void Configure(EntityTypeBuilder<CalendarMapping> builder)
    {
        builder.Property(m => m.CalendarId).HasMaxLength(512);
        builder.Property(m => m.ChannelId).HasMaxLength(128);
        builder.Property(m => m.ChannelResourceId).HasMaxLength(256);
        builder.HasIndex(m => m.ChannelId);
        builder.HasOne<CalendarConnection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(m => m.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConnectionId, m.StaffMemberId }).IsUnique();
    }
}
