namespace VoiceFlow.Domain.Conversation;

/// <summary>Where the conversation is; shown on the live-calls dashboard.</summary>
public enum ConversationStep
{
    /// <summary>Nothing said yet: the next event should be <see cref="CallStarted"/>.</summary>
    Greeting,
    Finished,

    /// <summary>"How can I help?"</summary>
    AskIntent,

    /// <summary>Known caller greeted with their next appointment: "Are you calling about that?"</summary>
    AboutNextAppointment,

    /// <summary>"Would you like to confirm, move, or cancel it?"</summary>
    ManageAppointment,
    AskService,
    AskDateTime,

    /// <summary>Waiting for <see cref="AvailabilityChecked"/>.</summary>
    CheckingAvailability,

    /// <summary>Alternatives offered: "I have 9:30 or 11. Which works?"</summary>
    ChooseAlternative,
    AskName,

    /// <summary>"Is the number you're calling from the best one to reach you?"</summary>
    ConfirmPhone,
    AskPhone,

    /// <summary>"So that's a cleaning on ..., for .... Shall I book it?"</summary>
    ReadBack,

    /// <summary>A bare "no" at read-back: "What should I change?"</summary>
    AskWhatToChange,

    /// <summary>Waiting for <see cref="BookingCompleted"/> of a new booking.</summary>
    Booking,
    ConfirmReschedule,

    /// <summary>Waiting for <see cref="BookingCompleted"/> of a reschedule.</summary>
    Rescheduling,
    ConfirmCancel,

    /// <summary>Waiting for <see cref="CancellationCompleted"/>.</summary>
    Cancelling,

    /// <summary>Offered staff or a message (e.g. no booking found under this number).</summary>
    OfferStaff,
    AnythingElse,

    /// <summary>Connected to staff; a <see cref="TransferFailed"/> may still come.</summary>
    Transferring,

    /// <summary>Recording a message; <see cref="VoicemailRecorded"/> should come.</summary>
    Voicemail,
}
