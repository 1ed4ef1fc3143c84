using NodaTime;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Speech;
using Lang = VoiceFlow.Domain.Common.Language;

namespace VoiceFlow.Domain.Conversation;

/// <summary>One step of the receptionist's dialogue over a working copy of the state (see <see cref="ConversationEngine"/>).</summary>
internal sealed class Dialogue(ConversationState state, ConversationContext context)
{
    private const double LowConfidence = 0.4;

    private readonly ConversationState _s = state;
    private readonly ConversationContext _ctx = context;

    private string L => _s.Language;

    private IReadOnlyList<ServiceOption> Services => _ctx.Services ?? [];

    public ConversationTurn Handle(CallerEvent? callerEvent) => callerEvent switch
    {
        CallStarted => OnCallStarted(),
        CallerSaid said => OnCallerSaid(said),
        AvailabilityChecked checkedSlot => OnAvailability(checkedSlot),
        BookingCompleted completed => OnBookingCompleted(completed),
        CancellationCompleted cancelled => OnCancellation(cancelled),
        TransferFailed => OnTransferFailed(),
        VoicemailRecorded => Say([P("voicemail.thanks")], ReplyAction.Hangup, CallOutcome.Voicemail, "Voicemail left"),
        _ => OnCallerSaid(new CallerSaid(null)),
    };

    /// <summary>Something went wrong: say so, then hand over to staff or voicemail.</summary>
    public ConversationTurn Apologise() => Escalate(P("error"));

    // ----- events -----

    private ConversationTurn OnCallStarted()
    {
        if (_s.IsFinished)
        {
            return Say([P("goodbye")], ReplyAction.Hangup);
        }
        if (_s.Step != ConversationStep.Greeting && _s.LastSay.Count > 0)
        {
            return Say(_s.LastSay); // Twilio re-sent the first webhook: say the same again
        }
        return Greet();
    }

    private ConversationTurn Greet()
    {
        var caller = _ctx.Caller;
        if (caller?.Language is { } preferred && Lang.IsSupported(preferred))
        {
            _s.Language = preferred;
        }
        var offer = PromptCatalog.Get("offer.language", OtherLanguage, _ctx.PromptOverrides);
        if (caller is not null && !string.IsNullOrWhiteSpace(caller.Name))
        {
            var first = SpokenText.FirstName(caller.Name);
            if (NextAppointment() is { } next)
            {
                _s.Step = ConversationStep.AboutNextAppointment;
                return Say([P("greeting.known", ("first", first), ("when", SpokenText.Soon(next.Start, _ctx.Now, L))), offer]);
            }
            _s.Step = ConversationStep.AskIntent;
            return Say([P("greeting.known.noappointment", ("first", first), ("business", _ctx.BusinessName)), offer]);
        }
        _s.Step = ConversationStep.AskIntent;
        return Say([P("greeting", ("business", _ctx.BusinessName)), offer]);
    }

    private ConversationTurn OnCallerSaid(CallerSaid said)
    {
        if (_s.IsFinished || _s.Step == ConversationStep.Finished)
        {
            return Say([P("goodbye")], ReplyAction.Hangup);
        }
        // speech while a command was pending (a lost result): go back to the question before it
        _s.Step = _s.Step switch
        {
            ConversationStep.Greeting => ConversationStep.AskIntent,
            ConversationStep.CheckingAvailability => ConversationStep.AskDateTime,
            ConversationStep.Booking => ConversationStep.ReadBack,
            ConversationStep.Rescheduling => ConversationStep.ConfirmReschedule,
            ConversationStep.Cancelling => ConversationStep.ConfirmCancel,
            var step => step,
        };

        var digits = said.Digits?.Trim() ?? string.Empty;
        var text = said.Text?.Trim() ?? string.Empty;
        if (text.Length > 2000)
        {
            text = text[..2000];
        }
        if (digits.Length == 1 && _s.Step != ConversationStep.AskPhone)
        {
            switch (digits)
            {
                case "9":
                    return SwitchLanguage(Lang.French);
                case "8":
                    return SwitchLanguage(Lang.English);
                case "0":
                    return Escalate();
                default:
                    break;
            }
        }
        if (text.Length == 0)
        {
            text = digits;
        }
        if (text.Length == 0)
        {
            return Fail();
        }
        if (digits.Length == 0 && said.Confidence is { } confidence && confidence < LowConfidence)
        {
            return Fail();
        }

        var u = SpeechUnderstanding.Understand(text, SpeechContext());
        if (u.LanguageSwitch is { } language)
        {
            var hasMore = u.Intent is not null || u.Service is not null || u.DateTime is not null;
            if (!hasMore || language != L)
            {
                _s.Language = language;
                if (!hasMore)
                {
                    return Say([P("language.switched"), .. Question(retry: false)]);
                }
            }
        }
        if (u.Intent == Intent.Human)
        {
            return Escalate();
        }
        if (u.Intent == Intent.Repeat && u.DateTime is null && u.Service is null)
        {
            return _s.LastSay.Count > 0 ? Say(_s.LastSay) : Say(Question(retry: false));
        }
        if (u.Intent == Intent.Goodbye && u.DateTime is null
            && (u.Yes is null || _s.Step is ConversationStep.AskIntent or ConversationStep.AnythingElse or ConversationStep.OfferStaff
                || HasAny(Words(text), "bye", "goodbye", "revoir")))
        {
            return Say([P("goodbye")], ReplyAction.Hangup);
        }

        return _s.Step switch
        {
            ConversationStep.AskIntent or ConversationStep.AnythingElse => OnOpenQuestion(u),
            ConversationStep.AboutNextAppointment => OnAboutNext(u),
            ConversationStep.ManageAppointment => OnManage(u),
            ConversationStep.AskService => OnService(u),
            ConversationStep.AskDateTime => OnDateTime(u),
            ConversationStep.ChooseAlternative => OnChoose(u, text),
            ConversationStep.AskName => OnName(u, text),
            ConversationStep.ConfirmPhone => OnConfirmPhone(u),
            ConversationStep.AskPhone => OnPhone(u, text),
            ConversationStep.ReadBack => OnReadBack(u),
            ConversationStep.AskWhatToChange => OnWhatToChange(u, text),
            ConversationStep.ConfirmReschedule => OnConfirmReschedule(u),
            ConversationStep.ConfirmCancel => OnConfirmCancel(u),
            ConversationStep.OfferStaff => OnOfferStaff(u),
            _ => OnOpenQuestion(u),
        };
    }

    private ConversationTurn SwitchLanguage(string language)
    {
        _s.Language = language;
        if (_s.Step == ConversationStep.Greeting)
        {
            _s.Step = ConversationStep.AskIntent;
        }
        return Say([P("language.switched"), .. Question(retry: false)]);
    }

    private ConversationTurn OnAvailability(AvailabilityChecked result)
    {
        if (_s.Step != ConversationStep.CheckingAvailability || _s.ServiceId is null)
        {
            return Unexpected();
        }
        var alternatives = result.Alternatives ?? [];
        if (result.Requested is { } requested && _s.Time is not null)
        {
            _s.Slot = HeldSlot.From(requested);
            _s.Offered = [];
            return Next(P("slot.free", ("when", SpokenText.When(requested.StartLocal, L))));
        }
        var options = (result.Requested is null ? alternatives : [result.Requested, .. alternatives])
            .Where(o => o is not null).Take(2).Select(HeldSlot.From).ToList();
        if (options.Count > 0)
        {
            _s.Offered = options;
            _s.Slot = null;
            _s.Step = ConversationStep.ChooseAlternative;
            return _s.Time is { } time
                ? Ask(P("slot.taken", ("time", SpokenText.ShortTime(LocalTime.FromTimeOnly(time), L))))
                : Ask();
        }
        var day = _s.Date is { } d ? SpokenText.Date(LocalDate.FromDateOnly(d), L) : string.Empty;
        ClearRequest();
        _s.Step = ConversationStep.AskDateTime;
        return Say([P("slot.none", ("date", day)), P("choose.other")]);
    }

    private ConversationTurn OnBookingCompleted(BookingCompleted result)
    {
        if (_s.Step is not (ConversationStep.Booking or ConversationStep.Rescheduling))
        {
            return Unexpected();
        }
        var service = Service(_s.ServiceId);
        var slot = result.Slot is { } s ? HeldSlot.From(s) : _s.Slot;
        if (!result.Succeeded)
        {
            var alternatives = (result.Alternatives ?? []).Where(a => a is not null).Take(2).Select(HeldSlot.From).ToList();
            _s.Slot = null;
            if (alternatives.Count == 0)
            {
                ClearRequest();
                _s.Step = ConversationStep.AskDateTime;
                return Say([P("slot.taken.booking"), P("choose.other")]);
            }
            _s.Offered = alternatives;
            _s.Time = null; // say the alternatives in full
            _s.Step = ConversationStep.ChooseAlternative;
            return Ask(P("slot.taken.booking"));
        }
        var serviceName = service?.Name ?? "appointment";
        var when = slot is null ? string.Empty : SpokenText.ForSummary(slot.Local);
        if (_s.Step == ConversationStep.Rescheduling)
        {
            var spoken = slot is null ? string.Empty : SpokenText.When(slot.Local, L);
            var rescheduled = P("rescheduled", ("service", service is null ? string.Empty : SpokenText.ServiceName(service, L)), ("when", spoken));
            EndGoal();
            _s.Step = ConversationStep.AnythingElse;
            return Say([rescheduled, P("anything.else")], ReplyAction.Listen, CallOutcome.Rescheduled, $"Rescheduled {serviceName} to {when}");
        }
        var name = _s.CustomerName;
        EndGoal();
        _s.Step = ConversationStep.AnythingElse;
        return Say([P("booked"), P("anything.else")], ReplyAction.Listen, CallOutcome.Booked, $"Booked {serviceName} on {when} for {name}");
    }

    private ConversationTurn OnCancellation(CancellationCompleted result)
    {
        if (_s.Step != ConversationStep.Cancelling)
        {
            return Unexpected();
        }
        if (!result.Succeeded)
        {
            return Apologise();
        }
        var appointment = _ctx.Caller?.Upcoming?.FirstOrDefault(a => a.AppointmentId == _s.AppointmentId);
        var summary = appointment is null ? "Cancelled an appointment" : $"Cancelled {appointment.ServiceName} on {SpokenText.ForSummary(appointment.Start)}";
        EndGoal();
        _s.Step = ConversationStep.AnythingElse;
        return Say([P("cancelled"), P("anything.else")], ReplyAction.Listen, CallOutcome.Cancelled, summary);
    }

    private ConversationTurn OnTransferFailed()
    {
        _s.Step = ConversationStep.Voicemail;
        return Say([P("transfer.failed")], ReplyAction.Voicemail);
    }

    // ----- what the caller said, by step -----

    private ConversationTurn OnOpenQuestion(Understanding u)
    {
        var nothingElse = u.Intent is null && u.Service is null && u.DateTime is null;
        if (_s.Step == ConversationStep.AnythingElse && u.Yes == false && nothingElse)
        {
            return Say([P("goodbye")], ReplyAction.Hangup);
        }
        if (_s.Step == ConversationStep.AnythingElse && u.Yes == true && nothingElse)
        {
            _s.Step = ConversationStep.AskIntent;
            return Ask();
        }
        return u.Intent switch
        {
            Intent.Reschedule => StartReschedule(u),
            Intent.Cancel => StartCancel(u),
            Intent.Confirm => ConfirmNext(),
            Intent.Hours => Information(u),
            Intent.Book => StartBooking(u),
            _ when u.Service is not null || u.DateTime is not null => StartBooking(u),
            _ => Fail(),
        };
    }

    private ConversationTurn OnAboutNext(Understanding u)
    {
        if (u.Intent is Intent.Reschedule or Intent.Cancel or Intent.Confirm or Intent.Hours)
        {
            return OnOpenQuestion(u);
        }
        if (u.Yes == true)
        {
            _s.Step = ConversationStep.ManageAppointment;
            return Ask();
        }
        if (u.Yes == false)
        {
            _s.Step = ConversationStep.AskIntent;
            return u.Intent == Intent.Book || u.Service is not null || u.DateTime is not null ? StartBooking(u) : Ask();
        }
        return OnOpenQuestion(u);
    }

    private ConversationTurn OnManage(Understanding u)
    {
        var words = Words(u.Text);
        if (u.Intent == Intent.Reschedule || HasAny(words, "move", "change", "deplacer", "changer", "reporter"))
        {
            return StartReschedule(u);
        }
        if (u.Intent == Intent.Cancel)
        {
            return StartCancel(u);
        }
        if (u.Intent == Intent.Confirm || u.Yes == true || HasAny(words, "keep", "garder"))
        {
            return ConfirmNext();
        }
        return u.Intent is not null ? OnOpenQuestion(u) : Fail();
    }

    private ConversationTurn OnService(Understanding u)
    {
        var changed = ApplyService(u.Service);
        changed |= ApplyDateTime(u.DateTime);
        return _s.ServiceId is not null && changed ? Next() : Fail();
    }

    private ConversationTurn OnDateTime(Understanding u)
    {
        var changed = _s.Goal == ConversationGoal.Book && ApplyService(u.Service);
        changed |= ApplyDateTime(u.DateTime);
        return changed && _s.Date is not null ? Next() : Fail();
    }

    private ConversationTurn OnChoose(Understanding u, string text)
    {
        var words = Words(text);
        if (HasAny(words, "neither", "none", "aucun", "aucune", "ni", "other", "autre", "else") || (u.Yes == false && u.DateTime is null))
        {
            ClearRequest();
            _s.Step = ConversationStep.AskDateTime;
            return Say([P("choose.other")]);
        }
        var index = HasAny(words, "first", "premier", "premiere", "1st", "earlier", "earliest", "1", "un")
            ? 0
            : HasAny(words, "second", "deuxieme", "seconde", "2nd", "later", "latest", "last", "dernier", "derniere", "2", "deux") ? 1 : -1;
        if (index >= 0 && index < _s.Offered.Count)
        {
            return Pick(index);
        }
        if (u.DateTime is { Time: { } time } said)
        {
            for (var i = 0; i < _s.Offered.Count; i++)
            {
                var offered = _s.Offered[i].Local;
                var sameTime = offered.TimeOfDay == time || offered.TimeOfDay == time.PlusHours(12) || offered.TimeOfDay == time.PlusHours(-12);
                if (sameTime && (said.Date is null || said.Date == offered.Date))
                {
                    return Pick(i);
                }
            }
        }
        if (u.Yes == true && _s.Offered.Count == 1)
        {
            return Pick(0);
        }
        if (ApplyCorrections(u))
        {
            return Next();
        }
        return Fail();
    }

    private ConversationTurn Pick(int index)
    {
        var slot = _s.Offered[index];
        _s.Slot = slot;
        _s.Date = DateOnly.FromDateTime(slot.StartLocal);
        _s.Time = TimeOnly.FromDateTime(slot.StartLocal);
        _s.Offered = [];
        return Next(P("slot.chosen", ("when", SpokenText.When(slot.Local, L))));
    }

    private ConversationTurn OnName(Understanding u, string text)
    {
        if ((u.IsCorrection || u.Yes == false) && ApplyCorrections(u))
        {
            return Next();
        }
        var name = u.Name ?? SpeechUnderstanding.ParseName(text, requireIntroduction: false);
        if (string.IsNullOrWhiteSpace(name) || u.Yes is not null)
        {
            return Fail();
        }
        _s.CustomerName = name;
        return Next(P("name.thanks", ("first", SpokenText.FirstName(name))));
    }

    private ConversationTurn OnConfirmPhone(Understanding u)
    {
        if (u.PhoneE164 is { } phone)
        {
            _s.CustomerPhone = phone;
            return Next();
        }
        if (u.IsCorrection && ApplyCorrections(u))
        {
            return Next();
        }
        if (u.Yes == true && _ctx.CallerPhone is not null)
        {
            _s.CustomerPhone = _ctx.CallerPhone;
            return Next();
        }
        if (u.Yes is not null)
        {
            _s.Step = ConversationStep.AskPhone;
            return Ask();
        }
        return Fail();
    }

    private ConversationTurn OnPhone(Understanding u, string text)
    {
        var phone = u.PhoneE164 ?? SpeechUnderstanding.ParsePhone(text);
        if (phone is not null)
        {
            _s.CustomerPhone = phone;
            return Next();
        }
        if (u.IsCorrection && ApplyCorrections(u))
        {
            return Next();
        }
        return Fail();
    }

    private ConversationTurn OnReadBack(Understanding u)
    {
        if (u.Yes == true && !u.IsCorrection)
        {
            if (_s.ServiceId is not { } serviceId || _s.Slot is null || _s.CustomerName is null || _s.CustomerPhone is null)
            {
                return Next();
            }
            _s.Step = ConversationStep.Booking;
            return new ConversationTurn(_s, new BookAppointment(serviceId, _s.Slot.ToSlot(), _s.CustomerName, _s.CustomerPhone, L), null);
        }
        if (ApplyCorrections(u))
        {
            return Next();
        }
        if (u.Yes == false)
        {
            _s.Step = ConversationStep.AskWhatToChange;
            return Ask();
        }
        return Fail();
    }

    private ConversationTurn OnWhatToChange(Understanding u, string text)
    {
        if (ApplyCorrections(u))
        {
            return Next();
        }
        var words = Words(text);
        if (HasAny(words, "name", "nom", "prenom"))
        {
            _s.CustomerName = null;
            return Next();
        }
        if (HasAny(words, "number", "phone", "numero", "telephone", "cell", "cellulaire"))
        {
            _s.CustomerPhone = null;
            _s.Step = ConversationStep.AskPhone;
            return Ask();
        }
        if (HasAny(words, "time", "day", "date", "heure", "jour", "when", "quand"))
        {
            ClearRequest();
            return Next();
        }
        if (HasAny(words, "service", "type") && Services.Count > 1)
        {
            _s.ServiceId = null;
            _s.Slot = null;
            return Next();
        }
        if (u.Yes == false || HasAny(words, "nothing", "rien"))
        {
            _s.Step = ConversationStep.ReadBack;
            return Ask();
        }
        return Fail();
    }

    private ConversationTurn OnConfirmReschedule(Understanding u)
    {
        if (u.Yes == true && !u.IsCorrection && _s.AppointmentId is { } id && _s.Slot is not null)
        {
            _s.Step = ConversationStep.Rescheduling;
            return new ConversationTurn(_s, new RescheduleAppointment(id, _s.Slot.ToSlot()), null);
        }
        if (ApplyCorrections(u))
        {
            return Next();
        }
        if (u.Yes == false)
        {
            ClearRequest();
            _s.Step = ConversationStep.AskDateTime;
            return Ask();
        }
        return Fail();
    }

    private ConversationTurn OnConfirmCancel(Understanding u)
    {
        if (u.Yes == true && _s.AppointmentId is { } id)
        {
            _s.Step = ConversationStep.Cancelling;
            return new ConversationTurn(_s, new CancelAppointment(id), null);
        }
        if (u.Yes == false)
        {
            EndGoal();
            _s.Step = ConversationStep.AnythingElse;
            return Ask(P("kept"));
        }
        return Fail();
    }

    private ConversationTurn OnOfferStaff(Understanding u)
    {
        if (u.Yes == true)
        {
            return Escalate();
        }
        if (u.Intent is not null || u.Service is not null || u.DateTime is not null)
        {
            return OnOpenQuestion(u);
        }
        if (u.Yes == false)
        {
            _s.Step = ConversationStep.AnythingElse;
            return Ask();
        }
        return Fail();
    }

    // ----- goals -----

    private ConversationTurn StartBooking(Understanding u)
    {
        _s.Goal = ConversationGoal.Book;
        _s.ServiceId = null;
        _s.AppointmentId = null;
        ClearRequest();
        ApplyService(u.Service);
        ApplyDateTime(u.DateTime);
        if (_ctx.Caller is { } caller && !string.IsNullOrWhiteSpace(caller.Name))
        {
            _s.CustomerName ??= caller.Name;
            _s.CustomerPhone ??= _ctx.CallerPhone;
        }
        if (u.Name is not null)
        {
            _s.CustomerName = u.Name;
        }
        if (u.PhoneE164 is not null)
        {
            _s.CustomerPhone = u.PhoneE164;
        }
        return Next();
    }

    private ConversationTurn StartReschedule(Understanding u)
    {
        var appointment = PickAppointment(u, out var saidItsDay);
        if (appointment is null)
        {
            return NoBooking();
        }
        _s.Goal = ConversationGoal.Reschedule;
        _s.AppointmentId = appointment.AppointmentId;
        _s.ServiceId = appointment.ServiceId;
        ClearRequest();
        if (!saidItsDay && ApplyDateTime(u.DateTime) && _s.Date is not null)
        {
            return Next();
        }
        _s.Step = ConversationStep.AskDateTime;
        return Ask(CurrentAppointment(appointment));
    }

    private ConversationTurn StartCancel(Understanding u)
    {
        var appointment = PickAppointment(u, out _);
        if (appointment is null)
        {
            return NoBooking();
        }
        _s.Goal = ConversationGoal.Cancel;
        _s.AppointmentId = appointment.AppointmentId;
        _s.ServiceId = appointment.ServiceId;
        _s.Step = ConversationStep.ConfirmCancel;
        return Ask();
    }

    private ConversationTurn ConfirmNext()
    {
        if (NextAppointment() is not { } next)
        {
            return NoBooking();
        }
        EndGoal();
        _s.Step = ConversationStep.AnythingElse;
        var sentence = P("confirm.next", ("service", ServiceWithArticle(next)), ("when", SpokenText.When(next.Start, L)));
        return Say([sentence, P("anything.else")], ReplyAction.Listen, CallOutcome.Information,
            $"Confirmed {next.ServiceName} on {SpokenText.ForSummary(next.Start)}");
    }

    private ConversationTurn NoBooking()
    {
        EndGoal();
        _s.Step = ConversationStep.OfferStaff;
        return Ask(P("no.booking"));
    }

    private ConversationTurn Information(Understanding u)
    {
        var words = Words(u.Text);
        var askedAddress = HasAny(words, "address", "where", "located", "location", "directions", "parking", "adresse", "ou", "situe", "situes", "trouve");
        var askedHours = HasAny(words, "hours", "open", "close", "closed", "closing", "when", "heures", "ouvert", "ouverte", "ouverts", "ferme", "fermez", "horaire", "horaires", "quand");
        var say = new List<string>();
        if (askedAddress && !string.IsNullOrWhiteSpace(_ctx.Address))
        {
            say.Add(P("address", ("address", _ctx.Address!)));
        }
        if (askedHours || say.Count == 0)
        {
            var hours = _ctx.Hours is { Count: > 0 } h ? SpokenText.Hours(h, L) : string.Empty;
            say.Add(hours.Length > 0 ? P("hours", ("hours", hours)) : P("hours.none"));
        }
        EndGoal();
        _s.Step = ConversationStep.AnythingElse;
        say.Add(P("anything.else"));
        return Say(say, ReplyAction.Listen, CallOutcome.Information, askedAddress ? "Asked for the address" : "Asked for opening hours");
    }

    /// <summary>Ask for what is missing, or run the next command, for the current goal.</summary>
    private ConversationTurn Next(params string[] preface)
    {
        if (_s.Goal == ConversationGoal.Book)
        {
            if (_s.ServiceId is null && Services.Count == 1)
            {
                _s.ServiceId = Services[0].Id;
            }
            if (_s.ServiceId is null)
            {
                if (Services.Count == 0)
                {
                    return Apologise();
                }
                _s.Step = ConversationStep.AskService;
                return Ask(preface);
            }
        }
        if (_s.Goal is ConversationGoal.Book or ConversationGoal.Reschedule)
        {
            if (_s.Date is null)
            {
                _s.Step = ConversationStep.AskDateTime;
                return Ask(preface);
            }
            if (_s.Slot is null)
            {
                _s.Step = ConversationStep.CheckingAvailability;
                return new ConversationTurn(_s, new CheckAvailability(
                    _s.ServiceId!.Value,
                    LocalDate.FromDateOnly(_s.Date.Value),
                    _s.Time is { } t ? LocalTime.FromTimeOnly(t) : null,
                    _s.Earliest is { } e ? LocalTime.FromTimeOnly(e) : null,
                    _s.Latest is { } l ? LocalTime.FromTimeOnly(l) : null), null);
            }
        }
        switch (_s.Goal)
        {
            case ConversationGoal.Book when _s.CustomerName is null:
                _s.Step = ConversationStep.AskName;
                break;
            case ConversationGoal.Book when _s.CustomerPhone is null:
                _s.Step = _ctx.CallerPhone is null ? ConversationStep.AskPhone : ConversationStep.ConfirmPhone;
                break;
            case ConversationGoal.Book:
                _s.Step = ConversationStep.ReadBack;
                break;
            case ConversationGoal.Reschedule:
                _s.Step = ConversationStep.ConfirmReschedule;
                break;
            case ConversationGoal.Cancel:
                _s.Step = ConversationStep.ConfirmCancel;
                break;
            default:
                _s.Step = ConversationStep.AskIntent;
                break;
        }
        return Ask(preface);
    }

    // ----- failures and hand-over -----

    private ConversationTurn Fail()
    {
        if (_s.FailedStep == _s.Step)
        {
            _s.Failures++;
        }
        else
        {
            _s.FailedStep = _s.Step;
            _s.Failures = 1;
        }
        return _s.Failures >= 2 ? Escalate() : Say(Question(retry: true));
    }

    private ConversationTurn Escalate(string? preface = null)
    {
        if (_ctx.CanTransfer)
        {
            _s.Step = ConversationStep.Transferring;
            return Say([preface ?? string.Empty, P("transfer")], ReplyAction.Transfer, CallOutcome.Transferred, "Transferred to staff");
        }
        _s.Step = ConversationStep.Voicemail;
        return Say([preface ?? string.Empty, P("voicemail")], ReplyAction.Voicemail);
    }

    /// <summary>A result the engine was not waiting for (a duplicate or a lost webhook).</summary>
    private ConversationTurn Unexpected()
    {
        if (_s.Step is ConversationStep.CheckingAvailability or ConversationStep.Booking or ConversationStep.Rescheduling or ConversationStep.Cancelling
            or ConversationStep.Greeting or ConversationStep.Transferring or ConversationStep.Voicemail or ConversationStep.Finished)
        {
            return Apologise();
        }
        return Ask(P("error"));
    }

    // ----- state changes -----

    private bool ApplyService(string? matched)
    {
        if (matched is null)
        {
            return false;
        }
        var service = Services.FirstOrDefault(s => string.Equals(s.Name, matched, StringComparison.OrdinalIgnoreCase));
        if (service is null || service.Id == _s.ServiceId)
        {
            return false;
        }
        _s.ServiceId = service.Id;
        _s.Slot = null;
        _s.Offered = [];
        return true;
    }

    private bool ApplyDateTime(DateTimeResult? said)
    {
        if (said is null)
        {
            return false;
        }
        var date = said.Date ?? (_s.Date is null ? said.DateTime?.Date : null);
        if (date is null && said.Time is null && said.Earliest is null && said.Latest is null)
        {
            return false;
        }
        if (date is { } d)
        {
            _s.Date = d.ToDateOnly();
        }
        if (said.Time is { } time)
        {
            _s.Time = time.ToTimeOnly();
            _s.Earliest = null;
            _s.Latest = null;
        }
        else if (said.Earliest is not null || said.Latest is not null)
        {
            _s.Time = null;
            _s.Earliest = said.Earliest?.ToTimeOnly();
            _s.Latest = said.Latest?.ToTimeOnly();
        }
        _s.Slot = null;
        _s.Offered = [];
        return true;
    }

    /// <summary>"no, Thursday", "actually a checkup", "my name is ...": change what was said, keep the rest.</summary>
    private bool ApplyCorrections(Understanding u)
    {
        var changed = _s.Goal == ConversationGoal.Book && ApplyService(u.Service);
        changed |= ApplyDateTime(u.DateTime);
        if (_s.Goal == ConversationGoal.Book && u.Name is not null && u.Name != _s.CustomerName)
        {
            _s.CustomerName = u.Name;
            changed = true;
        }
        if (_s.Goal == ConversationGoal.Book && u.PhoneE164 is not null)
        {
            _s.CustomerPhone = u.PhoneE164;
            changed = true;
        }
        return changed;
    }

    private void ClearRequest()
    {
        _s.Date = null;
        _s.Time = null;
        _s.Earliest = null;
        _s.Latest = null;
        _s.Slot = null;
        _s.Offered = [];
    }

    private void EndGoal()
    {
        _s.Goal = ConversationGoal.None;
        _s.ServiceId = null;
        _s.AppointmentId = null;
        ClearRequest();
    }

    // ----- what to say -----

    private ConversationTurn Ask(params string[] preface) => Say([.. preface, .. Question(retry: false)]);

    private List<string> Question(bool retry)
    {
        switch (_s.Step)
        {
            case ConversationStep.AboutNextAppointment when NextAppointment() is { } next:
                return [P(retry ? "about.next.retry" : "about.next.ask", ("when", SpokenText.Soon(next.Start, _ctx.Now, L)))];
            case ConversationStep.ManageAppointment:
                return [P(retry ? "manage.retry" : "manage.ask")];
            case ConversationStep.AskService:
                var names = Services.Take(4).Select(s => SpokenText.ServiceName(s, L)).ToList();
                return [retry
                    ? P("service.retry", ("example", names.FirstOrDefault() ?? string.Empty))
                    : P("service.ask", ("options", SpokenText.JoinOr(names, L)))];
            case ConversationStep.AskDateTime:
                if (_s.Date is { } day && _s.Time is null && _s.Earliest is null && _s.Latest is null)
                {
                    return [P(retry ? "time.retry" : "time.ask", ("date", SpokenText.Date(LocalDate.FromDateOnly(day), L)))];
                }
                if (_s.Goal == ConversationGoal.Reschedule && !retry)
                {
                    return [P("reschedule.ask")];
                }
                return [P(retry ? "datetime.retry" : "datetime.ask")];
            case ConversationStep.ChooseAlternative:
                if (retry)
                {
                    return [P("choose.retry")];
                }
                var sameDay = _s.Time is not null && _s.Date is { } d ? LocalDate.FromDateOnly(d) : (LocalDate?)null;
                return [P("choose.ask", ("options", SpokenText.Options(_s.Offered, sameDay, L)))];
            case ConversationStep.AskName:
                return [P(retry ? "name.retry" : "name.ask")];
            case ConversationStep.ConfirmPhone:
                return [retry ? P("phone.confirm.retry", ("last4", SpokenText.LastFour(_ctx.CallerPhone))) : P("phone.confirm")];
            case ConversationStep.AskPhone:
                return [P(retry ? "phone.retry" : "phone.ask")];
            case ConversationStep.ReadBack:
                var service = Service(_s.ServiceId);
                var when = _s.Slot is null ? string.Empty : SpokenText.When(_s.Slot.Local, L);
                return [retry
                    ? P("readback.retry", ("when", when))
                    : P("readback", ("service", service is null ? string.Empty : SpokenText.WithArticle(service, L)), ("when", when), ("name", _s.CustomerName ?? string.Empty))];
            case ConversationStep.AskWhatToChange:
                return [P(retry ? "change.retry" : "change.ask")];
            case ConversationStep.ConfirmReschedule:
                var moving = Service(_s.ServiceId) is { } moved ? SpokenText.ServiceName(moved, L) : Appointment()?.ServiceName ?? string.Empty;
                var to = _s.Slot is null ? string.Empty : SpokenText.When(_s.Slot.Local, L);
                return [P(retry ? "reschedule.confirm.retry" : "reschedule.confirm", ("service", moving), ("when", to))];
            case ConversationStep.ConfirmCancel:
                if (retry)
                {
                    return [P("cancel.confirm.retry")];
                }
                var appointment = Appointment();
                return [P("cancel.confirm",
                    ("service", appointment is null ? string.Empty : ServiceName(appointment)),
                    ("when", appointment is null ? string.Empty : SpokenText.When(appointment.Start, L)))];
            case ConversationStep.OfferStaff:
                var offer = P(_ctx.CanTransfer ? "staff.offer" : "message.offer");
                return retry ? [offer, P("offer.retry")] : [offer];
            case ConversationStep.AnythingElse:
                return [P(retry ? "anything.else.retry" : "anything.else")];
            default:
                return [P(retry ? "intent.retry" : "intent.ask")];
        }
    }

    private ConversationTurn Say(IEnumerable<string> sentences, ReplyAction action = ReplyAction.Listen, CallOutcome? outcome = null, string? summary = null)
    {
        var say = sentences.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => SpokenText.Capitalize(x.Trim())).ToList();
        if (_s.FailedStep != _s.Step)
        {
            _s.FailedStep = null;
            _s.Failures = 0;
        }
        switch (action)
        {
            case ReplyAction.Listen:
                _s.LastSay = say;
                break;
            case ReplyAction.Hangup:
                _s.Step = ConversationStep.Finished;
                _s.IsFinished = true;
                break;
            default:
                _s.IsFinished = true;
                break;
        }
        return new ConversationTurn(_s, null, new AgentReply(L, say, action, action == ReplyAction.Listen ? Hints() : []), outcome, summary);
    }

    private List<string> Hints()
    {
        var fr = SpokenText.IsFrench(L);
        var hints = new List<string>();
        switch (_s.Step)
        {
            case ConversationStep.AskIntent or ConversationStep.AnythingElse or ConversationStep.AboutNextAppointment
                or ConversationStep.ManageAppointment or ConversationStep.OfferStaff or ConversationStep.AskService:
                foreach (var service in Services)
                {
                    hints.Add(fr && !string.IsNullOrWhiteSpace(service.NameFr) ? service.NameFr! : service.Name);
                    hints.AddRange((service.Synonyms ?? []).Take(5));
                }
                hints.AddRange(fr
                    ? ["rendez-vous", "déplacer", "annuler", "confirmer", "heures d'ouverture", "adresse"]
                    : ["appointment", "book", "reschedule", "cancel", "confirm", "hours", "address"]);
                break;
            case ConversationStep.AskDateTime or ConversationStep.ChooseAlternative or ConversationStep.ReadBack or ConversationStep.ConfirmReschedule
                or ConversationStep.AskWhatToChange:
                hints.AddRange(fr
                    ? ["aujourd'hui", "demain", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "matin", "après-midi", "semaine prochaine"]
                    : ["today", "tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "morning", "afternoon", "next week"]);
                if (_s.Step == ConversationStep.ChooseAlternative)
                {
                    hints.AddRange(fr ? ["le premier", "le deuxième", "aucun"] : ["the first one", "the second one", "neither"]);
                }
                break;
            default:
                break;
        }
        hints.AddRange(fr ? ["oui", "non", "agent", "English", "répéter"] : ["yes", "no", "agent", "representative", "français", "repeat"]);
        return hints.Where(h => !string.IsNullOrWhiteSpace(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private string CurrentAppointment(UpcomingAppointment appointment) =>
        P("reschedule.current", ("service", ServiceName(appointment)), ("when", SpokenText.When(appointment.Start, L)));

    private string P(string id, params (string Name, string Value)[] values) => PromptCatalog.Get(id, L, _ctx.PromptOverrides, values);

    private string OtherLanguage => SpokenText.IsFrench(L) ? Lang.English : Lang.French;

    // ----- lookups -----

    private SpeechContext SpeechContext()
    {
        var hours = _ctx.Hours ?? [];
        var speech = new SpeechContext(_ctx.Now, _ctx.TimeZoneId ?? "America/Toronto", L)
        {
            Services = Services.Select(s => new ServiceDefinition(s.Name,
                [.. s.Synonyms ?? [], .. string.IsNullOrWhiteSpace(s.NameFr) ? Array.Empty<string>() : [s.NameFr!]])).ToList(),
        };
        if (hours.Count > 0)
        {
            speech = speech with { Opens = hours.Min(h => h.Opens), Closes = hours.Max(h => h.Closes) };
        }
        return speech;
    }

    private ServiceOption? Service(Guid? id) => id is null ? null : Services.FirstOrDefault(s => s.Id == id);

    private string ServiceName(UpcomingAppointment appointment) =>
        Service(appointment.ServiceId) is { } service ? SpokenText.ServiceName(service, L) : appointment.ServiceName;

    private string ServiceWithArticle(UpcomingAppointment appointment) =>
        Service(appointment.ServiceId) is { } service ? SpokenText.WithArticle(service, L) : appointment.ServiceName;

    private IEnumerable<UpcomingAppointment> Upcoming() =>
        (_ctx.Caller?.Upcoming ?? []).Where(a => a is not null && a.Start >= _ctx.Now).OrderBy(a => a.Start);

    private UpcomingAppointment? NextAppointment() => Upcoming().FirstOrDefault();

    private UpcomingAppointment? Appointment() => Upcoming().FirstOrDefault(a => a.AppointmentId == _s.AppointmentId);

    private UpcomingAppointment? PickAppointment(Understanding u, out bool saidItsDay)
    {
        saidItsDay = false;
        var upcoming = Upcoming().ToList();
        if (upcoming.Count == 0)
        {
            return null;
        }
        if (u.DateTime?.Date is { } day && upcoming.FirstOrDefault(a => a.Start.Date == day) is { } onThatDay)
        {
            saidItsDay = true;
            return onThatDay;
        }
        return upcoming[0];
    }

    private static List<string> Words(string? text) => SpeechText.Words(SpeechText.Fold(text ?? string.Empty));

    private static bool HasAny(List<string> words, params string[] candidates) => candidates.Any(c => words.Contains(c));
}
