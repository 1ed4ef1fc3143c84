using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Scheduling;

namespace VoiceFlow.Infrastructure.Persistence.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.ServiceIds);
        builder.HasOne<Business>().WithMany().HasForeignKey(s => s.BusinessId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(s => s.WorkingHours, hours =>
        {
            hours.ToTable("StaffWorkingHours");
            hours.WithOwner().HasForeignKey("StaffMemberId");
            hours.Property<int>("Id");
            hours.HasKey("Id");
        });
        builder.Navigation(s => s.WorkingHours).HasField("_hours").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
