namespace VoiceFlow.Domain.Calls;

/// <summary>
/// What one step of a call changes on its record: the language, the transcript length, the customer and appointment
/// it is linked to, and the outcome with its summary. <see cref="ApplyTo"/> is the rule; the PostgreSQL hot path
/// (<c>CallTranscriptWriter</c>) writes the same rule as one UPDATE.
/// </summary>
public sealed record CallProgress(string Language, int TurnCount, Guid? CustomerId, Guid? AppointmentId, CallOutcome? Outcome, string? Summary)
{
    public void ApplyTo(Call call)
    {
        call.SwitchLanguage(Language);
        call.CountTurns(TurnCount);
        if (CustomerId is { } customerId)
        {
            call.LinkCustomer(customerId);
        }
        if (AppointmentId is { } appointmentId)
        {
            call.LinkAppointment(appointmentId);
        }
        // A voicemail is recorded with its recording (Call.RecordVoicemail), not as a step's outcome.
        if (Outcome is { } outcome && outcome != CallOutcome.Voicemail)
        {
            call.RecordOutcome(outcome, Summary);
        }
    }
}
