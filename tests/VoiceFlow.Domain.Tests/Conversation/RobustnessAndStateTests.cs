using NodaTime;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Domain.Tests.Conversation;

/// <summary>Garbage, out-of-order events, state round-trips, prompts and overrides, hints.</summary>
public class RobustnessAndStateTests
{
    private static readonly SlotOption SomeSlot = new(new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc), new LocalDateTime(2026, 12, 1, 10, 0), ScriptedCall.Staff);

    public static TheoryData<string> Garbage() => new()
    {
        "asdkjh qwe zzz",
        "🦄🦄🦄",
        "<Say>hack</Say>",
        new string('a', 100_000),
        "'; DROP TABLE appointments; --",
        "0000000000000000000000000000",
        "the the the the",
        "\u0000\u0001\u0002",
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_AtEveryStep_NeverThrowsAndAlwaysReplies(string text)
    {
        foreach (var step in Enum.GetValues<ConversationStep>())
        {
            var state = ConversationState.Start("en-CA");
            state.Step = step;
            var turn = ConversationEngine.Step(state, new CallerSaid(text, 0.9), ScriptedCall.Business());
            Assert.True(turn.Reply is not null || turn.Command is not null);
            Assert.False(turn.Reply is not null && turn.Command is not null);
        }
    }

    public static TheoryData<CallerEvent> Events() => new()
    {
        new CallStarted(),
        new CallerSaid(null),
        new CallerSaid("yes", 0.9, "5"),
        new AvailabilityChecked(SomeSlot, [], null),
        new AvailabilityChecked(null, [], "closed"),
        new BookingCompleted(true, Guid.NewGuid(), SomeSlot, [], null),
        new BookingCompleted(false, null, null, [SomeSlot], "slot_taken"),
        new CancellationCompleted(true),
        new CancellationCompleted(false),
        new TransferFailed(),
        new VoicemailRecorded("https://example.test/r.mp3"),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void AnyEvent_AtAnyStep_NeverThrows(CallerEvent callerEvent)
    {
        foreach (var step in Enum.GetValues<ConversationStep>())
        {
            foreach (var finished in new[] { false, true })
            {
                var state = ConversationState.Start("fr-CA");
                state.Step = step;
                state.IsFinished = finished;
                var turn = ConversationEngine.Step(state, callerEvent, ScriptedCall.Business(caller: ScriptedCall.Marie()));
                Assert.True(turn.Reply is not null ^ turn.Command is not null);
            }
        }
    }

    [Fact]
    public void OutOfOrder_AvailabilityBeforeAnyQuestion_ApologisesAndHandsOver()
    {
        var turn = ConversationEngine.Step(ConversationState.Start("en-CA"), new AvailabilityChecked(SomeSlot, [], null), ScriptedCall.Business());
        Assert.StartsWith("Sorry, something went wrong on my side.", turn.Reply!.Text);
        Assert.Equal(ReplyAction.Transfer, turn.Reply.Action);
    }

    [Fact]
    public void OutOfOrder_BookingResultDuringQuestion_ApologisesAndAsksAgain()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Send(new BookingCompleted(true, Guid.NewGuid(), SomeSlot, [], null));
        Assert.Equal("Sorry, something went wrong on my side. May I have your name?", call.Text);
        Assert.Empty(call.Outcomes);
    }

    [Fact]
    public void OutOfOrder_CallStartedTwice_SaysTheSameAgain()
    {
        var call = ScriptedCall.Start();
        var greeting = call.Text;
        call.Send(new CallStarted());
        Assert.Equal(greeting, call.Text);
    }

    [Fact]
    public void OutOfOrder_SpeechWhileWaitingForAvailability_GoesBackToTheQuestion()
    {
        var state = ConversationState.Start("en-CA");
        state.Step = ConversationStep.CheckingAvailability;
        state.Goal = ConversationGoal.Book;
        state.ServiceId = ScriptedCall.Cleaning;
        var turn = ConversationEngine.Step(state, new CallerSaid("next tuesday at 10", 0.9), ScriptedCall.Business());
        Assert.IsType<CheckAvailability>(turn.Command);
    }

    [Fact]
    public void NullInputs_NeverThrow()
    {
        var turn = ConversationEngine.Step(null!, null!, ScriptedCall.Business());
        Assert.NotNull(turn.Reply);
        var noContext = ConversationEngine.Step(ConversationState.Start("en-CA"), new CallStarted(), null!);
        Assert.Equal(ReplyAction.Hangup, noContext.Reply!.Action);
    }

    [Fact]
    public void EmptyBusiness_NoServicesNoHours_NeverThrows()
    {
        var context = ScriptedCall.Business(services: []) with { Hours = [], Address = null };
        var call = ScriptedCall.Start(context);
        call.Say("I'd like to book");
        Assert.NotNull(call.Last);
        call = ScriptedCall.Start(context);
        Assert.Equal("I don't have our opening hours. Anything else?", call.Say("what are your hours"));
    }

    [Fact]
    public void Step_DoesNotChangeTheStateItWasGiven()
    {
        var state = ConversationState.Start("en-CA");
        var before = state.ToJson();
        ConversationEngine.Step(state, new CallStarted(), ScriptedCall.Business());
        Assert.Equal(before, state.ToJson());
    }

    [Fact]
    public void Step_IsDeterministic()
    {
        var a = ScriptedCall.Start();
        var b = ScriptedCall.Start();
        foreach (var line in new[] { "a cleaning next tuesday at 10", "Jean Tremblay", "yes" })
        {
            Assert.Equal(a.Say(line), b.Say(line));
        }
        Assert.Equal(a.State.ToJson(), b.State.ToJson());
    }

    [Fact]
    public void State_JsonRoundTripMidCall_KeepsEverything()
    {
        var call = ScriptedCall.Start();
        call.Taken.Add(new LocalDateTime(2026, 12, 1, 10, 0));
        call.Say("a cleaning next tuesday at 10");
        var json = call.State.ToJson();
        var back = ConversationState.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(ConversationStep.ChooseAlternative, back.Step);
        Assert.Equal(ConversationGoal.Book, back.Goal);
        Assert.Equal(ScriptedCall.Cleaning, back.ServiceId);
        Assert.Equal(new DateOnly(2026, 12, 1), back.Date);
        Assert.Equal(new TimeOnly(10, 0), back.Time);
        Assert.Equal(2, back.Offered.Count);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 9, 30), back.Offered[0].ToSlot().StartLocal);
        Assert.Equal(DateTimeKind.Utc, back.Offered[0].ToSlot().StartUtc.Kind);
        Assert.Contains("\"step\":\"ChooseAlternative\"", json);
    }

    [Fact]
    public void State_JsonRoundTripAtReadBack_BooksTheSameSlot()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        var restored = ConversationState.FromJson(call.State.ToJson());
        var turn = ConversationEngine.Step(restored, new CallerSaid("yes", 0.9), call.Context);
        var book = Assert.IsType<BookAppointment>(turn.Command);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 10, 0), book.Slot.StartLocal);
        Assert.Equal("Jean Tremblay", book.CustomerName);
    }

    [Fact]
    public void State_FromOldJsonWithOnlyTheOriginalFields_Works()
    {
        var state = ConversationState.FromJson("{\"language\":\"fr-CA\",\"step\":0,\"isFinished\":false}");
        var turn = ConversationEngine.Step(state, new CallStarted(), ScriptedCall.Business());
        Assert.Equal("fr-CA", turn.Reply!.Language);
    }

    [Fact]
    public void Prompts_ResourceFilesAreEmbeddedInBothLanguages()
    {
        Assert.Equal("Anything else?", PromptCatalog.Default("anything.else", "en-CA"));
        Assert.Equal("Autre chose?", PromptCatalog.Default("anything.else", "fr-CA"));
        Assert.Equal("Autre chose?", PromptCatalog.Default("anything.else", "fr"));
        Assert.Null(PromptCatalog.Default("no.such.prompt", "en-CA"));
    }

    [Fact]
    public void Prompts_DoNotDependOnTheCurrentUICulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr-CA");
            Assert.Equal("Anything else?", PromptCatalog.Get("anything.else", "en-CA", null));
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
            Assert.Equal("Autre chose?", PromptCatalog.Get("anything.else", "fr-CA", null));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Prompts_EveryEnglishIdHasAFrenchText()
    {
        var ids = new[] { "greeting", "greeting.known", "offer.language", "intent.ask", "intent.retry", "datetime.ask", "datetime.retry", "slot.free", "slot.taken",
            "choose.ask", "name.ask", "phone.confirm", "readback", "booked", "anything.else", "goodbye", "transfer", "voicemail", "cancelled", "hours" };
        foreach (var id in ids)
        {
            Assert.NotNull(PromptCatalog.Default(id, "en-CA"));
            Assert.NotEqual(PromptCatalog.Default(id, "en-CA"), PromptCatalog.Default(id, "fr-CA"));
        }
    }

    [Fact]
    public void Prompts_GreetingOverride_Wins()
    {
        var overrides = new Dictionary<string, string> { ["greeting.en-CA"] = "Hello from {business}! What can I do for you?" };
        var call = ScriptedCall.Start(ScriptedCall.Business(overrides: overrides));
        Assert.Equal("Hello from Maple Dental! What can I do for you? Pour le français, dites français ou appuyez sur 9.", call.Text);
    }

    [Fact]
    public void Prompts_OverrideInOneLanguage_LeavesTheOtherAlone()
    {
        var overrides = new Dictionary<string, string> { ["goodbye.en-CA"] = "Bye now!" };
        var english = ScriptedCall.Start(ScriptedCall.Business(overrides: overrides));
        Assert.Equal("Bye now!", english.Say("goodbye"));
        var french = ScriptedCall.Start(ScriptedCall.Business("fr-CA", overrides: overrides));
        Assert.Equal("Merci de votre appel. Au revoir.", french.Say("au revoir"));
    }

    [Fact]
    public void Hints_IncludeServicesAtTheStartAndWeekdaysForDates()
    {
        var call = ScriptedCall.Start();
        Assert.Contains("Cleaning", call.Last.Hints);
        Assert.Contains("teeth cleaning", call.Last.Hints);
        call.Say("I'd like a cleaning");
        Assert.Contains("Thursday", call.Last.Hints);
        Assert.Contains("tomorrow", call.Last.Hints);
        call.Say("next tuesday at 10");
        Assert.Contains("yes", call.Last.Hints);
    }

    [Fact]
    public void Hints_InFrench()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business("fr-CA"));
        Assert.Contains("Nettoyage", call.Last.Hints);
        Assert.Contains("oui", call.Last.Hints);
    }

    [Fact]
    public void Privacy_NoReplyEverContainsTheFullCallerNumber()
    {
        var call = ScriptedCall.Start();
        var said = new List<string> { call.Text };
        foreach (var line in new[] { "a cleaning next tuesday at 10", "Jean Tremblay", "what", "hmm", "yes", "yes", "no" })
        {
            said.Add(call.Say(line));
        }
        Assert.DoesNotContain(said, s => s.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("5145550123", StringComparison.Ordinal));
    }
}
