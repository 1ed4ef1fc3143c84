using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calendar;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class CalendarEventLinkConfiguration : IEntityTypeConfiguration<CalendarEventLink>
{
    public void Configure(EntityTypeBuilder<CalendarEventLink> builder)
    {
        builder.Property(l => l.CalendarId).HasMaxLength(512);
        builder.Property(l => l.EventId).HasMaxLength(1024);
        builder.Property(l => l.ETag).HasMaxLength(128);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(l => l.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.AppointmentId).IsUnique();
        builder.HasIndex(l => new { l.CalendarId, l.EventId });
    }
}
