using NodaTime;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Domain.Tests.Conversation;

/// <summary>Booking: everything at once, one question at a time, alternatives, corrections, read-back.</summary>
public class BookingConversationTests
{
    private static readonly LocalDate Dec1 = new(2026, 12, 1);

    [Fact]
    public void Book_EverythingAtOnce_ChecksAvailabilityWithServiceDateAndTime()
    {
        var call = ScriptedCall.Start();
        call.Say("I'd like a cleaning next Tuesday at 10");
        var check = Assert.Single(call.Commands.OfType<CheckAvailability>());
        Assert.Equal(ScriptedCall.Cleaning, check.ServiceId);
        Assert.Equal(Dec1, check.Date);
        Assert.Equal(new LocalTime(10, 0), check.Time);
        Assert.Equal(ConversationStep.AskName, call.State.Step);
    }

    [Fact]
    public void Book_NoServiceSaid_AsksWhichServiceOnly()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("Which service would you like: cleaning or checkup?", call.Say("I'd like to book an appointment"));
        Assert.Empty(call.Commands);
        Assert.StartsWith("Tuesday, December 1st at 10 AM is free.", call.Say("a cleaning next tuesday at 10"));
    }

    [Fact]
    public void Book_ServiceButNoDay_AsksDayAndTime()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("What day and time would you like?", call.Say("I'd like to book a checkup"));
        Assert.Equal("Tuesday, December 1st at 2 PM is free. May I have your name?", call.Say("next tuesday at 2 pm"));
        Assert.Equal(ScriptedCall.Checkup, Assert.Single(call.Commands.OfType<CheckAvailability>()).ServiceId);
    }

    [Fact]
    public void Book_OnlyOneService_NeverAsksForService()
    {
        var services = new List<ServiceOption> { new(ScriptedCall.Cleaning, "Cleaning", "Nettoyage", [], 60) };
        var call = ScriptedCall.Start(ScriptedCall.Business(services: services));
        Assert.Equal("What day and time would you like?", call.Say("I'd like to book an appointment"));
        call.Say("next tuesday at 11");
        Assert.Equal(ScriptedCall.Cleaning, Assert.Single(call.Commands.OfType<CheckAvailability>()).ServiceId);
    }

    [Fact]
    public void Book_DayWithoutTime_OffersFirstFreeTimesThatDay()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("I have Tuesday, December 1st at 9 AM or 9:30 AM. Which works?", call.Say("a cleaning next tuesday"));
        Assert.Null(Assert.Single(call.Commands.OfType<CheckAvailability>()).Time);
        Assert.Equal("OK, Tuesday, December 1st at 9:30 AM. May I have your name?", call.Say("9:30"));
    }

    [Fact]
    public void Book_SlotTaken_OffersTwoNearestAndTakesTheFirstOne()
    {
        var call = ScriptedCall.Start();
        call.Taken.Add(Dec1.At(new LocalTime(10, 0)));
        Assert.Equal("10 is taken. I have 9:30 or 10:30. Which works?", call.Say("a cleaning next tuesday at 10"));
        Assert.Equal(ConversationStep.ChooseAlternative, call.State.Step);
        Assert.Equal("OK, Tuesday, December 1st at 9:30 AM. May I have your name?", call.Say("the first one"));
    }

    [Fact]
    public void Book_SlotTaken_CallerSaysTheSecond()
    {
        var call = ScriptedCall.Start();
        call.Taken.Add(Dec1.At(new LocalTime(10, 0)));
        call.Say("a cleaning next tuesday at 10");
        Assert.StartsWith("OK, Tuesday, December 1st at 10:30 AM.", call.Say("the second one"));
    }

    [Fact]
    public void Book_SlotTaken_CallerSaysATimeOffered()
    {
        var call = ScriptedCall.Start();
        call.Taken.Add(Dec1.At(new LocalTime(10, 0)));
        call.Say("a cleaning next tuesday at 10");
        Assert.StartsWith("OK, Tuesday, December 1st at 10:30 AM.", call.Say("10:30 please"));
    }

    [Fact]
    public void Book_SlotTaken_NeitherAsksForAnotherDay()
    {
        var call = ScriptedCall.Start();
        call.Taken.Add(Dec1.At(new LocalTime(10, 0)));
        call.Say("a cleaning next tuesday at 10");
        Assert.Equal("What other day or time works?", call.Say("neither"));
        Assert.Equal(ConversationStep.AskDateTime, call.State.Step);
        Assert.StartsWith("Thursday, November 26th at 3 PM is free.", call.Say("thursday at 3"));
    }

    [Fact]
    public void Book_SlotTakenInFrench_OffersAlternativesAndTakesLaPremiere()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business("fr-CA"));
        call.Taken.Add(Dec1.At(new LocalTime(10, 0)));
        Assert.Equal("10 h n'est pas libre. J'ai 9 h 30 ou 10 h 30. Lequel vous convient?", call.Say("un nettoyage mardi prochain à 10 h"));
        Assert.StartsWith("D'accord, mardi 1er décembre à 9 h 30.", call.Say("la première"));
    }

    [Fact]
    public void Book_SlotTakenBetweenReadBackAndBooking_OffersTheAlternatives()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        call.StealNextBooking = true;
        Assert.Equal("Sorry, that time was just taken. I have Tuesday, December 1st at 9:30 AM or 10:30 AM. Which works?", call.Say("yes"));
        Assert.Empty(call.Outcomes);
        Assert.DoesNotContain("booked", call.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("OK, Tuesday, December 1st at 10:30 AM. So that's a cleaning on Tuesday, December 1st at 10:30 AM, for Jean Tremblay. Shall I book it?", call.Say("the second one"));
        Assert.Equal("You're booked. We'll text you a confirmation. Anything else?", call.Say("yes"));
        Assert.Equal(2, call.Commands.OfType<BookAppointment>().Count());
        Assert.Equal(CallOutcome.Booked, Assert.Single(call.Outcomes).Outcome);
    }

    [Fact]
    public void Book_NothingFreeThatDay_AsksAnotherDay()
    {
        var call = ScriptedCall.Start();
        Assert.Equal("Sorry, nothing is free on Saturday, November 28th. What other day or time works?", call.Say("a cleaning this saturday at 10"));
    }

    [Fact]
    public void Book_CorrectionNoThursday_ChangesTheDayKeepsTheTime()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        Assert.Equal("Thursday, November 26th at 10 AM is free. May I have your name?", call.Say("no, Thursday"));
        var checks = call.Commands.OfType<CheckAvailability>().ToList();
        Assert.Equal(2, checks.Count);
        Assert.Equal(new LocalDate(2026, 11, 26), checks[1].Date);
        Assert.Equal(new LocalTime(10, 0), checks[1].Time);
        Assert.Equal(ScriptedCall.Cleaning, checks[1].ServiceId);
    }

    [Fact]
    public void Book_ReadBackCorrection_AppliesItAndReadsBackAgain()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        Assert.Equal("Thursday, November 26th at 10 AM is free. So that's a cleaning on Thursday, November 26th at 10 AM, for Jean Tremblay. Shall I book it?",
            call.Say("no, Thursday"));
        call.Say("yes");
        Assert.Equal(new LocalDateTime(2026, 11, 26, 10, 0), Assert.Single(call.Commands.OfType<BookAppointment>()).Slot.StartLocal);
    }

    [Fact]
    public void Book_ReadBackCorrectionOfTimeOnly_KeepsTheDay()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        Assert.StartsWith("Tuesday, December 1st at 2 PM is free. So that's a cleaning", call.Say("actually make it 2 pm"));
    }

    [Fact]
    public void Book_ReadBackCorrectionOfService_RechecksAvailability()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        Assert.Contains("So that's a checkup on Tuesday, December 1st at 10 AM", call.Say("no, a checkup"));
        Assert.Equal(ScriptedCall.Checkup, call.Commands.OfType<CheckAvailability>().Last().ServiceId);
    }

    [Fact]
    public void Book_BareNoAtReadBack_AsksWhatToChange()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        Assert.Equal("What should I change?", call.Say("no"));
        Assert.Equal("May I have your name?", call.Say("my name"));
        Assert.Equal("Thanks, John. So that's a cleaning on Tuesday, December 1st at 10 AM, for John Tremblay. Shall I book it?", call.Say("John Tremblay"));
        call.Say("yes");
        Assert.Equal("John Tremblay", Assert.Single(call.Commands.OfType<BookAppointment>()).CustomerName);
    }

    [Fact]
    public void Book_WhatToChange_TheTime_AsksDayAndTimeAgain()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        call.Say("no");
        Assert.Equal("What day and time would you like?", call.Say("the time"));
    }

    [Fact]
    public void Book_CallerIdDeclined_AsksForNumberAndUsesIt()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        Assert.Equal("What's the best number to reach you?", call.Say("no"));
        Assert.StartsWith("So that's a cleaning", call.Say("416 555 0199"));
        call.Say("yes");
        Assert.Equal("+14165550199", Assert.Single(call.Commands.OfType<BookAppointment>()).CustomerPhone);
    }

    [Fact]
    public void Book_WithheldNumber_AsksForTheNumber()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business(callerPhone: null));
        call.Say("a cleaning next tuesday at 10");
        Assert.Equal("Thanks, Jean. What's the best number to reach you?", call.Say("Jean Tremblay"));
        Assert.Equal(ConversationStep.AskPhone, call.State.Step);
    }

    [Fact]
    public void Book_PhoneRetry_SaysOnlyTheLastFourDigits()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        var retry = call.Say("hmm");
        Assert.Contains("ending in 0123", retry);
        Assert.DoesNotContain("514", retry);
        Assert.DoesNotContain("5550123", retry.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Book_NeverSaysBookedBeforeTheCommit()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        var readBack = call.Say("yes");
        Assert.DoesNotContain("You're booked", readBack);
        Assert.Empty(call.Commands.OfType<BookAppointment>());
    }

    [Fact]
    public void Book_AfterHours_StillBooks()
    {
        var call = ScriptedCall.Start(ScriptedCall.Business(canTransfer: false));
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        Assert.Equal("You're booked. We'll text you a confirmation. Anything else?", call.Say("yes"));
        Assert.Equal(CallOutcome.Booked, Assert.Single(call.Outcomes).Outcome);
    }

    [Fact]
    public void Book_SecondBookingInTheSameCall_KeepsNameAndPhone()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday at 10");
        call.Say("Jean Tremblay");
        call.Say("yes");
        call.Say("yes");
        Assert.Equal("Tuesday, December 1st at 2 PM is free. So that's a checkup on Tuesday, December 1st at 2 PM, for Jean Tremblay. Shall I book it?",
            call.Say("yes, a checkup next tuesday at 2 pm"));
    }

    [Fact]
    public void Book_Afternoon_ChecksTheWindow()
    {
        var call = ScriptedCall.Start();
        call.Say("a cleaning next tuesday afternoon");
        var check = Assert.Single(call.Commands.OfType<CheckAvailability>());
        Assert.Null(check.Time);
        Assert.NotNull(check.Earliest);
        Assert.Equal(ConversationStep.ChooseAlternative, call.State.Step);
        Assert.StartsWith("I have Tuesday, December 1st at", call.Text);
    }
}
