using NodaTime;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Domain.Tests.Conversation;

/// <summary>
/// Plays a call against the engine the way the web layer does: step, run every command against a tiny in-memory
/// calendar, step again with its result, until there is a reply. Every state goes through JSON between webhooks.
/// </summary>
internal sealed class ScriptedCall
{
    public static readonly LocalDateTime Now = new(2026, 11, 24, 10, 0); // Tuesday
    public static readonly Guid Cleaning = Guid.Parse("11111111-1111-1111-1111-111111111111");
    public static readonly Guid Checkup = Guid.Parse("22222222-2222-2222-2222-222222222222");
    public static readonly Guid Staff = Guid.Parse("33333333-3333-3333-3333-333333333333");
    public static readonly Guid NextAppointment = Guid.Parse("44444444-4444-4444-4444-444444444444");
    public static readonly Guid LaterAppointment = Guid.Parse("55555555-5555-5555-5555-555555555555");

    private readonly List<ConversationCommand> _commands = [];
    private readonly List<(CallOutcome Outcome, string? Summary)> _outcomes = [];

    private ScriptedCall(ConversationContext context)
    {
        Context = context;
        State = ConversationState.Start(context.DefaultLanguage);
    }

    public ConversationContext Context { get; set; }

    public ConversationState State { get; private set; }

    public AgentReply Last { get; private set; } = new("en-CA", [], ReplyAction.Listen, []);

    /// <summary>Local times already booked in the calendar.</summary>
    public HashSet<LocalDateTime> Taken { get; } = [];

    /// <summary>When set, the next booking fails as if someone took the slot a moment before.</summary>
    public bool StealNextBooking { get; set; }

    public IReadOnlyList<ConversationCommand> Commands => _commands;

    public IReadOnlyList<(CallOutcome Outcome, string? Summary)> Outcomes => _outcomes;

    public static ConversationContext Business(string language = "en-CA", bool canTransfer = true, KnownCaller? caller = null,
        string? callerPhone = "+15145550123", IReadOnlyDictionary<string, string>? overrides = null, IReadOnlyList<ServiceOption>? services = null) => new()
        {
            BusinessName = language == "fr-CA" ? "la Clinique dentaire Maple" : "Maple Dental",
            DefaultLanguage = language,
            TimeZoneId = "America/Toronto",
            Now = Now,
            Services = services ??
            [
                new ServiceOption(Cleaning, "Cleaning", "Nettoyage", ["teeth cleaning", "nettoyage"], 60),
                new ServiceOption(Checkup, "Checkup", "Examen", ["exam", "check-up", "examen"], 30),
            ],
            Hours =
            [
                new OpeningHours(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(17, 0)),
                new OpeningHours(IsoDayOfWeek.Tuesday, new LocalTime(9, 0), new LocalTime(17, 0)),
                new OpeningHours(IsoDayOfWeek.Wednesday, new LocalTime(9, 0), new LocalTime(17, 0)),
                new OpeningHours(IsoDayOfWeek.Thursday, new LocalTime(9, 0), new LocalTime(17, 0)),
                new OpeningHours(IsoDayOfWeek.Friday, new LocalTime(9, 0), new LocalTime(17, 0)),
            ],
            CanTransfer = canTransfer,
            IsOpenNow = canTransfer,
            Address = "123 Main Street, Toronto",
            CallerPhone = callerPhone,
            Caller = caller,
            PromptOverrides = overrides ?? new Dictionary<string, string>(),
        };

    public static KnownCaller Marie(string? language = null, bool withAppointments = true) => new(
        Guid.NewGuid(),
        "Marie Dubois",
        language,
        withAppointments
            ?
            [
                new UpcomingAppointment(NextAppointment, Cleaning, "Cleaning", new LocalDateTime(2026, 11, 26, 14, 0)),
                new UpcomingAppointment(LaterAppointment, Checkup, "Checkup", new LocalDateTime(2026, 12, 10, 9, 0)),
            ]
            : []);

    public static ScriptedCall Start(ConversationContext? context = null)
    {
        var call = new ScriptedCall(context ?? Business());
        call.Send(new CallStarted());
        return call;
    }

    public string Text => Last.Text;

    public string Say(string? text, double? confidence = 0.9, string? digits = null)
    {
        Send(new CallerSaid(text, confidence, digits));
        return Last.Text;
    }

    public string Press(string digits) => Say(null, null, digits);

    public string Silence() => Say(null, null, null);

    public ConversationTurn Send(CallerEvent callerEvent)
    {
        var state = ConversationState.FromJson(State.ToJson());
        var turn = ConversationEngine.Step(state, callerEvent, Context);
        var guard = 0;
        while (turn.Command is { } command && guard++ < 10)
        {
            Assert.Null(turn.Reply);
            _commands.Add(command);
            turn = ConversationEngine.Step(ConversationState.FromJson(turn.State.ToJson()), Run(command), Context);
        }
        Assert.NotNull(turn.Reply);
        Assert.Null(turn.Command);
        Assert.Equal(turn.State.Language, turn.Reply.Language);
        if (turn.Outcome is { } outcome)
        {
            _outcomes.Add((outcome, turn.Summary));
        }
        State = turn.State;
        Last = turn.Reply;
        return turn;
    }

    private CallerEvent Run(ConversationCommand command)
    {
        switch (command)
        {
            case CheckAvailability check:
                if (check.Time is { } time && IsFree(check.Date.At(time)))
                {
                    return new AvailabilityChecked(Slot(check.Date.At(time)), [], null);
                }
                var target = check.Date.At(check.Time ?? check.Earliest ?? new LocalTime(9, 0));
                var free = FreeSlots(check.Date)
                    .Where(s => check.Time is not null || ((check.Earliest is null || s.TimeOfDay >= check.Earliest) && (check.Latest is null || s.TimeOfDay < check.Latest)))
                    .OrderBy(s => Math.Abs(Period.Between(target, s, PeriodUnits.Minutes).Minutes))
                    .ThenBy(s => s)
                    .Take(2)
                    .Select(Slot)
                    .ToList();
                return new AvailabilityChecked(null, free, free.Count == 0 ? "closed" : "taken");
            case BookAppointment book:
                return Commit(book.Slot);
            case RescheduleAppointment move:
                return Commit(move.Slot);
            case CancelAppointment:
                return new CancellationCompleted(true);
            default:
                throw new InvalidOperationException("Unknown command " + command);
        }
    }

    private BookingCompleted Commit(SlotOption slot)
    {
        if (StealNextBooking || !IsFree(slot.StartLocal))
        {
            StealNextBooking = false;
            Taken.Add(slot.StartLocal);
            var alternatives = FreeSlots(slot.StartLocal.Date)
                .OrderBy(s => Math.Abs(Period.Between(slot.StartLocal, s, PeriodUnits.Minutes).Minutes)).Take(2).Select(Slot).ToList();
            return new BookingCompleted(false, null, null, alternatives, "slot_taken");
        }
        Taken.Add(slot.StartLocal);
        return new BookingCompleted(true, Guid.NewGuid(), slot, [], null);
    }

    private bool IsFree(LocalDateTime at) =>
        !Taken.Contains(at) && Context.Hours.Any(h => h.Day == at.DayOfWeek && at.TimeOfDay >= h.Opens && at.TimeOfDay < h.Closes);

    private IEnumerable<LocalDateTime> FreeSlots(LocalDate date)
    {
        for (var t = new LocalTime(9, 0); t < new LocalTime(17, 0); t = t.PlusMinutes(30))
        {
            if (IsFree(date.At(t)))
            {
                yield return date.At(t);
            }
        }
    }

    private static SlotOption Slot(LocalDateTime local) =>
        new(DateTime.SpecifyKind(local.PlusHours(5).ToDateTimeUnspecified(), DateTimeKind.Utc), local, Staff);
}
