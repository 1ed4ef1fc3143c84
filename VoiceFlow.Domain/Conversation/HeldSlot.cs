using NodaTime;

namespace VoiceFlow.Domain.Conversation;

/// <summary>A <see cref="SlotOption"/> in plain, JSON-friendly form for <see cref="ConversationState"/>.</summary>
public sealed class HeldSlot
{
    public DateTime StartUtc { get; set; }

    /// <summary>Business-local wall time (kind unspecified).</summary>
    public DateTime StartLocal { get; set; }

    public Guid StaffMemberId { get; set; }

    public static HeldSlot From(SlotOption slot) => new()
    {
        StartUtc = DateTime.SpecifyKind(slot.StartUtc, DateTimeKind.Utc),
        StartLocal = slot.StartLocal.ToDateTimeUnspecified(),
        StaffMemberId = slot.StaffMemberId,
    };

    public HeldSlot Copy() => new() { StartUtc = StartUtc, StartLocal = StartLocal, StaffMemberId = StaffMemberId };

    public SlotOption ToSlot() => new(DateTime.SpecifyKind(StartUtc, DateTimeKind.Utc), Local, StaffMemberId);

    internal LocalDateTime Local => LocalDateTime.FromDateTime(StartLocal);
}
