using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Domain.Tests.Conversation;

/// <summary>Hours, silence, hand-over to staff, language, repeat, goodbye.</summary>
public class CallFlowTests
{
    [Fact]
    public void Hours_AnsweredInNaturalLanguage()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("We're open Monday to Friday, 9 AM to 5 PM. Anything else?", call.Say("what are your hours"));
        Assert.Equal(CallOutcome.Information, Assert.Single(call.Outcomes).Outcome);
    }

    [Fact]
    public void Hours_InFrench()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business("fr-CA"));
        Assert.Equal("Nous sommes ouverts du lundi au vendredi, de 9 h à 17 h. Autre chose?", call.Say("quelles sont vos heures d'ouverture"));
    }

    [Fact]
    public void Address_Answered()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("We're at 123 Main Street, Toronto. Anything else?", call.Say("what's your address"));
    }

    [Fact]
    public void Hours_ThenBook_InTheSameCall()
    {
        var call = ScriptedCall.Start();
        call.Say("when are you open");
        Assert.StartsWith("Tuesday, December 1st at 10 AM is free.", call.Say("I'd like to book a cleaning next tuesday at 10"));
    }

    [Fact]
    public void Silence_Once_RephrasesWithAnExample()
    {
        var call = ScriptedCall.Start();
        call.Say("I'd like to book a cleaning");
        var asked = call.Text;
        var retry = call.Silence();
        Assert.NotEqual(asked, retry);
        Assert.Contains("For example, say: Thursday at 3", retry);
        Assert.Equal(ReplyAction.Listen, call.Last.Action);
    }

    [Fact]
    public void Silence_TwiceWhenOpen_Transfers()
    {
        var call = ScriptedCall.Start();
        call.Silence();
        Assert.Equal("Let me connect you with someone.", call.Silence());
        Assert.Equal(ReplyAction.Transfer, call.Last.Action);
        Assert.Equal(CallOutcome.Transferred, Assert.Single(call.Outcomes).Outcome);
        Assert.True(call.State.IsFinished);
    }

    [Fact]
    public void Silence_TwiceWhenClosed_TakesAMessage()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business(canTransfer: false));
        call.Silence();
        Assert.Equal("I'll take a message. Please speak after the tone.", call.Silence());
        Assert.Equal(ReplyAction.Voicemail, call.Last.Action);
        Assert.Equal("Thanks for your message. We'll call you back. Goodbye.", call.Send(new VoicemailRecorded("https://example.test/rec.mp3")).Reply!.Text);
        Assert.Equal(ReplyAction.Hangup, call.Last.Action);
        Assert.Equal(CallOutcome.Voicemail, Assert.Single(call.Outcomes).Outcome);
    }

    [Fact]
    public void LowConfidence_CountsAsAFailure()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning", 0.9);
        call.Say("next tuesday at ten", 0.2);
        Assert.Equal(ReplyAction.Listen, call.Last.Action);
        Assert.Empty(call.Commands);
        call.Say("mumble", 0.1);
        Assert.Equal(ReplyAction.Transfer, call.Last.Action);
    }

    [Fact]
    public void Failure_ThenSuccess_ThenFailureAtAnotherStep_DoesNotEscalate()
    {
        var call = ScriptedCall.Start();
        call.Silence();
        call.Say("a cleaning next tuesday at 10");
        call.Silence();
        Assert.Equal(ReplyAction.Listen, call.Last.Action);
        Assert.Equal("Your first and last name, please.", call.Text);
    }

    [Fact]
    public void TransferFailed_GoesToVoicemail()
    {
        var call = ScriptedCall.Start();
        call.Say("I want to talk to a person");
        Assert.Equal(ReplyAction.Transfer, call.Last.Action);
        call.Send(new TransferFailed());
        Assert.Equal("No one is available right now. Please leave a message after the tone.", call.Text);
        Assert.Equal(ReplyAction.Voicemail, call.Last.Action);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("representative please")]
    [InlineData("can I speak to a person")]
    [InlineData("une personne s'il vous plaît")]
    public void Human_AskedFor_Transfers(string said)
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        Assert.Equal("Let me connect you with someone.", call.Say(said));
        Assert.Equal(ReplyAction.Transfer, call.Last.Action);
    }

    [Fact]
    public void Human_Pressing0_Transfers()
    {
        var call = ScriptedCall.Start();
        call.Press("0");
        Assert.Equal(ReplyAction.Transfer, call.Last.Action);
    }

    [Fact]
    public void Human_Pressing0WhenClosed_TakesAMessage()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business(canTransfer: false));
        call.Press("0");
        Assert.Equal(ReplyAction.Voicemail, call.Last.Action);
    }

    [Fact]
    public void Language_SaysFrancais_SwitchesForTheRestOfTheCall()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("D'accord, en français. Comment puis-je vous aider?", call.Say("français"));
        Assert.Equal("fr-CA", call.Last.Language);
        Assert.Equal("Mardi 1er décembre à 10 h, c'est libre. Quel est votre nom?", call.Say("un nettoyage mardi prochain à 10 h"));
        call.Say("Jean Tremblay");
        call.Say("oui");
        call.Say("oui");
        Assert.Equal("fr-CA", Assert.Single(call.Commands.OfType<BookAppointment>()).Language);
        Assert.Equal("fr-CA", call.Last.Language);
    }

    [Fact]
    public void Language_Press9_SwitchesToFrench()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("D'accord, en français. Comment puis-je vous aider?", call.Press("9"));
        Assert.Equal("fr-CA", call.State.Language);
    }

    [Fact]
    public void Language_Press8_SwitchesToEnglish()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business("fr-CA"));
        Assert.Equal("Sure, in English. How can I help?", call.Press("8"));
        Assert.Equal("en-CA", call.Last.Language);
    }

    [Fact]
    public void Language_SwitchMidBooking_ReasksTheCurrentQuestionInFrench()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        Assert.Equal("D'accord, en français. Quel est votre nom?", call.Say("in French please"));
        Assert.Equal(ConversationStep.AskName, call.State.Step);
    }

    [Fact]
    public void Language_FrenchSentenceWithFrancais_SwitchesAndBooks()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("Mardi 1er décembre à 10 h, c'est libre. Quel est votre nom?", call.Say("en français, je voudrais un nettoyage mardi prochain à 10 h"));
    }

    [Fact]
    public void Repeat_ReplaysTheLastPrompt()
    {
        var call = ScriptedCall.Start();
        var asked = call.Say("a cleaning next tuesday at 10");
        Assert.Equal(asked, call.Say("can you repeat that"));
        Assert.Equal(ConversationStep.AskName, call.State.Step);
    }

    [Fact]
    public void Repeat_InFrench()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business("fr-CA"));
        var greeting = call.Text;
        Assert.Equal(greeting, call.Say("pouvez-vous répéter"));
    }

    [Fact]
    public void Goodbye_AtAnyTime_EndsPolitely()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning");
        Assert.Equal("Thanks for calling. Goodbye.", call.Say("actually never mind, bye"));
        Assert.Equal(ReplyAction.Hangup, call.Last.Action);
        Assert.Equal(ConversationStep.Finished, call.State.Step);
    }

    [Fact]
    public void AnythingElse_Yes_AsksHowToHelp()
    {
        var call = ScriptedCall.Start();
        call.Say("what are your hours");
        Assert.Equal("How can I help?", call.Say("yes"));
    }

    [Fact]
    public void AnythingElse_NoThanks_SaysGoodbye()
    {
        var call = ScriptedCall.Start();
        call.Say("what are your hours");
        Assert.Equal("Thanks for calling. Goodbye.", call.Say("no thanks"));
    }

    [Fact]
    public void Replies_AlwaysInTheCallLanguageAndShort()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        foreach (var sentence in call.Last.Say)
        {
            Assert.True(sentence.Split(' ').Length <= 14, sentence);
        }
    }
}
