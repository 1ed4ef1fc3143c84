namespace VoiceFlow.Domain.Conversation;

/// <summary>Something that happened on the call: the caller spoke, or a command the app ran finished.</summary>
public abstract record CallerEvent;

/// <summary>The call was answered.</summary>
public sealed record CallStarted : CallerEvent;

/// <summary>
/// A <c>&lt;Gather&gt;</c> result: what the recogniser heard (with its confidence) and/or the keys pressed.
/// Both empty means silence.
/// </summary>
public sealed record CallerSaid(string? Text, double? Confidence = null, string? Digits = null) : CallerEvent
{
    public bool IsSilence => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Digits);
}

/// <summary>Result of <see cref="CheckAvailability"/>: the slot asked for (when free), else the nearest alternatives.</summary>
public sealed record AvailabilityChecked(SlotOption? Requested, IReadOnlyList<SlotOption> Alternatives, string? UnavailableReason) : CallerEvent;

/// <summary>Result of <see cref="BookAppointment"/> or <see cref="RescheduleAppointment"/>: committed, or why not.</summary>
public sealed record BookingCompleted(bool Succeeded, Guid? AppointmentId, SlotOption? Slot, IReadOnlyList<SlotOption> Alternatives, string? FailureCode) : CallerEvent;

/// <summary>Result of <see cref="CancelAppointment"/>.</summary>
public sealed record CancellationCompleted(bool Succeeded) : CallerEvent;

/// <summary>A transfer to staff was not answered (Twilio's Dial action): offer voicemail.</summary>
public sealed record TransferFailed : CallerEvent;

/// <summary>The caller left a voicemail.</summary>
public sealed record VoicemailRecorded(string RecordingUrl) : CallerEvent;
