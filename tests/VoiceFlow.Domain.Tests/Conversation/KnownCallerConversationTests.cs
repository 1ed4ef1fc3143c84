using NodaTime;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Domain.Tests.Conversation;

/// <summary>A caller recognised by phone number: greeting, confirm, reschedule, cancel; and unknown callers asking for those.</summary>
public class KnownCallerConversationTests
{
    private static ScriptedCall Marie(string language = "en-CA", bool withAppointments = true, bool canTransfer = true) =>
        ScriptedCall.Start(ScriptedCall.Business(language, canTransfer, ScriptedCall.Marie(withAppointments: withAppointments)));

    [Fact]
    public void Greeting_KnownCaller_ByFirstNameWithNextAppointment()
    {
        var call = Marie();
        Assert.Equal("Hi Marie, I see you're booked for Thursday at 2. Are you calling about that? Pour le français, dites français ou appuyez sur 9.", call.Text);
        Assert.Equal(ConversationStep.AboutNextAppointment, call.State.Step);
    }

    [Fact]
    public void Greeting_KnownCallerInFrench_ByFirstNameWithNextAppointment()
    {
        var call = Marie("fr-CA");
        Assert.StartsWith("Bonjour Marie, je vois que vous avez rendez-vous jeudi à 14 h. Appelez-vous à ce sujet?", call.Text);
    }

    [Fact]
    public void Greeting_KnownCallerPrefersFrench_GreetsInFrench()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business(caller: ScriptedCall.Marie(language: "fr-CA")));
        Assert.Equal("fr-CA", call.Last.Language);
        Assert.EndsWith("For English, say English or press 8.", call.Text);
    }

    [Fact]
    public void Greeting_KnownCallerWithoutAppointments_GreetsByName()
    {
        var call = Marie(withAppointments: false);
        Assert.StartsWith("Hi Marie, thanks for calling Maple Dental. How can I help?", call.Text);
    }

    [Fact]
    public void Confirm_YesThenConfirm_ReadsTheAppointment()
    {
        var call = Marie();
        Assert.Equal("Would you like to confirm, move, or cancel it?", call.Say("yes"));
        Assert.Equal("You're booked for a cleaning on Thursday, November 26th at 2 PM. Anything else?", call.Say("confirm"));
        Assert.Equal(CallOutcome.Information, Assert.Single(call.Outcomes).Outcome);
    }

    [Fact]
    public void Reschedule_KnownCaller_MovesTheNextAppointment()
    {
        var call = Marie();
        Assert.Equal("Your cleaning is on Thursday, November 26th at 2 PM. What day and time would you like instead?", call.Say("I need to reschedule"));
        Assert.Equal("Friday, November 27th at 3 PM is free. Shall I move your cleaning to Friday, November 27th at 3 PM?", call.Say("friday at 3"));
        Assert.Equal("Done. Your cleaning is now on Friday, November 27th at 3 PM. We'll text you a confirmation. Anything else?", call.Say("yes"));
        var move = Assert.Single(call.Commands.OfType<RescheduleAppointment>());
        Assert.Equal(ScriptedCall.NextAppointment, move.AppointmentId);
        Assert.Equal(new LocalDateTime(2026, 11, 27, 15, 0), move.Slot.StartLocal);
        var outcome = Assert.Single(call.Outcomes);
        Assert.Equal(CallOutcome.Rescheduled, outcome.Outcome);
        Assert.Equal("Rescheduled Cleaning to Fri Nov 27 at 15:00", outcome.Summary);
    }

    [Fact]
    public void Reschedule_NewTimeSaidAtOnce_ChecksItDirectly()
    {
        var call = Marie();
        Assert.StartsWith("Friday, November 27th at 3 PM is free. Shall I move", call.Say("can I move my appointment to friday at 3"));
    }

    [Fact]
    public void Reschedule_MentionsTheDayOfTheLaterAppointment_PicksThatOne()
    {
        var call = Marie();
        Assert.StartsWith("Your checkup is on Thursday, December 10th at 9 AM.", call.Say("I want to reschedule my appointment on December 10th"));
        call.Say("december 11th at 10");
        call.Say("yes");
        Assert.Equal(ScriptedCall.LaterAppointment, Assert.Single(call.Commands.OfType<RescheduleAppointment>()).AppointmentId);
    }

    [Fact]
    public void Reschedule_InFrench_Deplacer()
    {
        var call = Marie("fr-CA");
        Assert.StartsWith("Votre nettoyage est le jeudi 26 novembre à 14 h.", call.Say("je voudrais déplacer mon rendez-vous"));
        Assert.StartsWith("Vendredi 27 novembre à 15 h, c'est libre.", call.Say("vendredi à 15 h"));
        Assert.StartsWith("C'est fait.", call.Say("oui"));
    }

    [Fact]
    public void Cancel_KnownCaller_ReadsBackThenCancels()
    {
        var call = Marie();
        Assert.Equal("Shall I cancel your cleaning on Thursday, November 26th at 2 PM?", call.Say("I need to cancel"));
        Assert.Empty(call.Commands);
        Assert.Equal("It's cancelled. Anything else?", call.Say("yes"));
        Assert.Equal(ScriptedCall.NextAppointment, Assert.Single(call.Commands.OfType<CancelAppointment>()).AppointmentId);
        var outcome = Assert.Single(call.Outcomes);
        Assert.Equal(CallOutcome.Cancelled, outcome.Outcome);
        Assert.Equal("Cancelled Cleaning on Thu Nov 26 at 14:00", outcome.Summary);
    }

    [Fact]
    public void Cancel_ThroughAboutNext_YesThenCancel()
    {
        var call = Marie();
        call.Say("yes");
        Assert.StartsWith("Shall I cancel your cleaning", call.Say("cancel it"));
    }

    [Fact]
    public void Cancel_CallerSaysNo_KeepsIt()
    {
        var call = Marie();
        call.Say("cancel my appointment");
        Assert.Equal("OK, I'll keep it as is. Anything else?", call.Say("no"));
        Assert.Empty(call.Commands);
    }

    [Fact]
    public void Cancel_InFrench_Annuler()
    {
        var call = Marie("fr-CA");
        Assert.Equal("J'annule votre nettoyage du jeudi 26 novembre à 14 h?", call.Say("je veux annuler"));
        Assert.Equal("C'est annulé. Autre chose?", call.Say("oui"));
    }

    [Fact]
    public void AboutNext_No_AsksHowToHelpAndCanBook()
    {
        var call = Marie();
        Assert.Equal("How can I help?", call.Say("no"));
        call.Say("a checkup next tuesday at 10");
        Assert.Equal("Tuesday, December 1st at 10 AM is free. So that's a checkup on Tuesday, December 1st at 10 AM, for Marie Dubois. Shall I book it?", call.Text);
    }

    [Fact]
    public void Reschedule_UnknownCaller_CannotFindBookingAndOffersStaff()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("I can't find a booking under this number. Would you like to speak with someone?", call.Say("I want to reschedule my appointment"));
        Assert.Equal("Let me connect you with someone.", call.Say("yes"));
        Assert.Equal(ReplyAction.Transfer, call.Last.Action);
    }

    [Fact]
    public void Cancel_UnknownCallerAfterHours_OffersAMessage()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business(canTransfer: false));
        Assert.Equal("I can't find a booking under this number. Would you like to leave a message?", call.Say("I need to cancel"));
        call.Say("yes");
        Assert.Equal(ReplyAction.Voicemail, call.Last.Action);
    }

    [Fact]
    public void Cancel_UnknownCallerDeclinesStaff_AsksAnythingElse()
    {
        var call = ScriptedCall.Start();
        call.Say("cancel my appointment");
        Assert.Equal("Anything else?", call.Say("no"));
    }
}
