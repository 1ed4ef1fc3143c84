using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.Property(a => a.IdempotencyKey).HasMaxLength(128);
        builder.Property(a => a.Notes).HasMaxLength(4000);
        builder.Property(a => a.CancellationReason).HasMaxLength(500);
        builder.Ignore(a => a.IsActive);
        builder.HasOne<Business>().WithMany().HasForeignKey(a => a.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.BusinessId, a.StartUtc });
        builder.HasIndex(a => new { a.StaffMemberId, a.StartUtc });
        builder.HasIndex(a => new { a.BusinessId, a.CustomerId, a.StartUtc });
        // A repeated request (same CallSid, same API key) finds the first booking.
        builder.HasIndex(a => new { a.BusinessId, a.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
    }
}
