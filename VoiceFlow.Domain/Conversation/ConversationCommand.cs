using NodaTime;

namespace VoiceFlow.Domain.Conversation;

/// <summary>
/// Work the engine needs done outside itself. The app runs it and feeds the result back as the matching
/// <see cref="CallerEvent"/> in the same webhook.
/// </summary>
public abstract record ConversationCommand;

/// <summary>
/// Is <paramref name="Time"/> on <paramref name="Date"/> free for the service? If no time was said, find the first
/// free slots that day (within <paramref name="Earliest"/>/<paramref name="Latest"/> when given). Answered by
/// <see cref="AvailabilityChecked"/> with at most two alternatives, closest first.
/// </summary>
public sealed record CheckAvailability(Guid ServiceId, LocalDate Date, LocalTime? Time, LocalTime? Earliest, LocalTime? Latest) : ConversationCommand;

/// <summary>Book it. Answered by <see cref="BookingCompleted"/>. Idempotent per call (the CallSid is the key).</summary>
public sealed record BookAppointment(Guid ServiceId, SlotOption Slot, string CustomerName, string CustomerPhone, string Language) : ConversationCommand;

/// <summary>Move an existing appointment of the caller. Answered by <see cref="BookingCompleted"/>.</summary>
public sealed record RescheduleAppointment(Guid AppointmentId, SlotOption Slot) : ConversationCommand;

/// <summary>Cancel an existing appointment of the caller. Answered by <see cref="CancellationCompleted"/>.</summary>
public sealed record CancelAppointment(Guid AppointmentId) : ConversationCommand;
