namespace VoiceFlow.Web.Features.Calls;

/// <summary>How staff read the conversation's step on the live-calls board (English keys of the portal's resources).</summary>
public static class StepLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["Greeting"] = "Greeting",
        ["AskIntent"] = "Asking what they need",
        ["AboutNextAppointment"] = "About their next appointment",
        ["ManageAppointment"] = "Choosing an appointment",
        ["AskService"] = "Choosing a service",
        ["AskDateTime"] = "Choosing a day and time",
        ["CheckingAvailability"] = "Checking availability",
        ["ChooseAlternative"] = "Choosing another time",
        ["AskName"] = "Giving their name",
        ["ConfirmPhone"] = "Confirming their number",
        ["AskPhone"] = "Giving their number",
        ["ReadBack"] = "Confirming the booking",
        ["AskWhatToChange"] = "Changing the details",
        ["Booking"] = "Booking",
        ["ConfirmReschedule"] = "Confirming the new time",
        ["Rescheduling"] = "Moving the appointment",
        ["ConfirmCancel"] = "Confirming the cancellation",
        ["Cancelling"] = "Cancelling",
        ["OfferStaff"] = "Offered a person",
        ["AnythingElse"] = "Wrapping up",
        ["Transferring"] = "Transferring to staff",
        ["Voicemail"] = "Leaving a voicemail",
        ["Finished"] = "Finished",
    };

    public static string For(string? step) => step is not null && Labels.TryGetValue(step, out var label) ? label : step ?? "";
}
