using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Domain.Tests.Conversation;

/// <summary>The two reference calls of CONVERSATION.md, nearly word for word.</summary>
public class ReferenceCallTests
{
    [Fact]
    public void ReferenceCall_English_BooksCleaningWordForWord()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("Thanks for calling Maple Dental, this is the booking assistant. How can I help? Pour le français, dites français ou appuyez sur 9.", call.Text);
        Assert.Equal("en-CA", call.Last.Language);

        Assert.Equal("Tuesday, December 1st at 10 AM is free. May I have your name?", call.Say("um hi I'd like to book a cleaning next tuesday around 10"));
        Assert.Equal("Thanks, Jean. Is the number you're calling from the best one to reach you?", call.Say("Jean Tremblay"));
        Assert.Equal("So that's a cleaning on Tuesday, December 1st at 10 AM, for Jean Tremblay. Shall I book it?", call.Say("yes"));
        Assert.Equal("You're booked. We'll text you a confirmation. Anything else?", call.Say("yes please"));
        Assert.Equal("Thanks for calling. Goodbye.", call.Say("no that's all"));
        Assert.Equal(ReplyAction.Hangup, call.Last.Action);
        Assert.True(call.State.IsFinished);

        var book = Assert.Single(call.Commands.OfType<BookAppointment>());
        Assert.Equal(ScriptedCall.Cleaning, book.ServiceId);
        Assert.Equal("Jean Tremblay", book.CustomerName);
        Assert.Equal("+15145550123", book.CustomerPhone);
        Assert.Equal("en-CA", book.Language);
        var outcome = Assert.Single(call.Outcomes);
        Assert.Equal(CallOutcome.Booked, outcome.Outcome);
        Assert.Equal("Booked Cleaning on Tue Dec 1 at 10:00 for Jean Tremblay", outcome.Summary);
    }

    [Fact]
    public void ReferenceCall_French_BooksNettoyageWordForWord()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business("fr-CA"));
        Assert.Equal("Merci d'avoir appelé la Clinique dentaire Maple. Comment puis-je vous aider? For English, say English or press 8.", call.Text);
        Assert.Equal("fr-CA", call.Last.Language);

        Assert.Equal("Mardi 1er décembre à 10 h, c'est libre. Quel est votre nom?", call.Say("je voudrais un nettoyage mardi prochain vers dix heures"));
        Assert.Equal("Merci, Marie-Ève. Le numéro d'où vous appelez est-il le meilleur pour vous joindre?", call.Say("Marie-Ève Gagnon"));
        Assert.Equal("Donc un nettoyage le mardi 1er décembre à 10 h, pour Marie-Ève Gagnon. Je le réserve?", call.Say("oui"));
        Assert.Equal("C'est confirmé. Vous recevrez un texto de confirmation. Autre chose?", call.Say("oui"));
        Assert.Equal("Merci de votre appel. Au revoir.", call.Say("non merci"));
        Assert.Equal(ReplyAction.Hangup, call.Last.Action);

        var book = Assert.Single(call.Commands.OfType<BookAppointment>());
        Assert.Equal("fr-CA", book.Language);
        Assert.Equal("Marie-Ève Gagnon", book.CustomerName);
        Assert.Equal(CallOutcome.Booked, Assert.Single(call.Outcomes).Outcome);
    }
}
