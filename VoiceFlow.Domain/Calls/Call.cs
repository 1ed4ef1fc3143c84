using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Calls;

/// <summary>One phone call (or simulated call) to a business, with its transcript in <see cref="CallTurn"/> rows.</summary>
public sealed class Call : Entity, ITenantOwned
{
    private Call() { }

    public Call(Guid businessId, string callSid, string from, string to, string language, DateTime startedUtc, bool isTest = false)
    {
        BusinessId = businessId;
        CallSid = callSid;
        From = from;
        To = to;
        Language = Common.Language.Normalize(language);
        StartedUtc = startedUtc;
        IsTest = isTest;
        Outcome = CallOutcome.InProgress;
    }

    public Guid BusinessId { get; private set; }
    public string CallSid { get; private set; } = "";
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Language { get; private set; } = Common.Language.English;
    public DateTime StartedUtc { get; private set; }
    public DateTime? EndedUtc { get; private set; }
    public int? DurationSeconds { get; private set; }
    public CallOutcome Outcome { get; private set; }
    public string? TwilioStatus { get; private set; }
    public Guid? CustomerId { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public string? Summary { get; private set; }
    public string? RecordingUrl { get; private set; }
    public string? FailureReason { get; private set; }
    public bool IsTest { get; private set; }
    public int TurnCount { get; private set; }

    /// <summary>
    /// How long after its start a call whose end never arrived (Twilio's status callback is best effort) still counts
    /// as live: as long as its live session lasts.
    /// </summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromHours(2);

    public bool IsLive => EndedUtc is null;

    public void SwitchLanguage(string language) => Language = Common.Language.Normalize(language);

    public void LinkCustomer(Guid customerId) => CustomerId = customerId;

    public void LinkAppointment(Guid appointmentId) => AppointmentId = appointmentId;

    public CallTurn AddTurn(Speaker speaker, string text, double? confidence, DateTime atUtc, int? latencyMs = null)
    {
        TurnCount++;
        return new CallTurn(BusinessId, Id, TurnCount, speaker, text, confidence, atUtc, latencyMs);
    }

    /// <summary>Records what the call achieved. A later, more specific outcome replaces InProgress/Information.</summary>
    public void RecordOutcome(CallOutcome outcome, string? summary = null)
    {
        Outcome = outcome;
        Summary = summary ?? Summary;
    }

    public void RecordVoicemail(string recordingUrl)
    {
        RecordingUrl = recordingUrl;
        Outcome = CallOutcome.Voicemail;
    }

    public void Fail(string reason)
    {
        FailureReason = reason.Length > 500 ? reason[..500] : reason;
        if (Outcome == CallOutcome.InProgress)
        {
            Outcome = CallOutcome.Failed;
        }
    }

    /// <summary>Twilio's status callback: the call is over. Safe to receive twice.</summary>
    public void End(DateTime endedUtc, int? durationSeconds, string? twilioStatus)
    {
        EndedUtc ??= endedUtc;
        DurationSeconds = durationSeconds ?? DurationSeconds ?? (int)Math.Max(0, (endedUtc - StartedUtc).TotalSeconds);
        TwilioStatus = twilioStatus ?? TwilioStatus;
        if (Outcome == CallOutcome.InProgress)
        {
            Outcome = CallOutcome.Abandoned;
        }
    }

    /// <summary>Turns recorded outside the aggregate (see <see cref="CallTurn.Record"/>) are counted here.</summary>
    public void CountTurns(int turnCount) => TurnCount = Math.Max(TurnCount, turnCount);

    public void Redact()
    {
        From = "redacted";
        Summary = null;
        RecordingUrl = null;
    }
}
