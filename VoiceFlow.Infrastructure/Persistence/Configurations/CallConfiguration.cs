using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Customers;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.Property(c => c.CallSid).HasMaxLength(64);
        builder.Property(c => c.From).HasMaxLength(48);
        builder.Property(c => c.To).HasMaxLength(48);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.TwilioStatus).HasMaxLength(32);
        builder.Property(c => c.Summary).HasMaxLength(1000);
        builder.Property(c => c.RecordingUrl).HasMaxLength(1000);
        builder.Property(c => c.FailureReason).HasMaxLength(500);
        builder.Ignore(c => c.IsLive);
        builder.HasOne<Business>().WithMany().HasForeignKey(c => c.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(c => c.AppointmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => c.CallSid).IsUnique();
        builder.HasIndex(c => new { c.BusinessId, c.StartedUtc });
        // No index on "EndedUtc": every call's end sets it, and an UPDATE that changes no indexed column can be a HOT
        // update (no new entry in any of the table's indexes). Live calls are found by their start (Call.LiveWindow).
    }
}
