using System.Globalization;
using NodaTime;

namespace VoiceFlow.Domain.Speech;

/// <summary>
/// Reads dates and times out of one utterance, left to right, collecting parts (weekday, month, day, year,
/// hour, minute, am/pm, part of day, offsets) and resolving them at the end with booking sense:
/// a bare weekday or date is the next one in the future, a bare hour is the one inside business hours.
/// One instance per utterance.
/// </summary>
internal sealed class DateTimeParser
{
    private enum WeekdayMode
    {
        Nearest,
        ThisWeek,
        NextWeek,
        AfterNearest,
        TwoAfterNearest,
        Coming,
    }

    private readonly List<SpeechToken> _t;
    private readonly SpeechContext _ctx;
    private readonly LocalDate _today;
    private readonly bool _french;

    private LocalDate? _date;
    private int _month = -1;
    private int _day = -1;
    private int _year = -1;
    private int _monthOffset = int.MinValue;
    private IsoDayOfWeek _weekday = IsoDayOfWeek.None;
    private WeekdayMode _weekdayMode;
    private bool _anyDate;

    private Period? _anchoredOffset;
    private bool _weekOffset;
    private LocalDateTime? _instant;

    private int _hour = -1;
    private int _minute;
    private int _second = -1;
    private bool _latentHour;
    private bool _ambiguous;
    private bool _meridiemPm;
    private bool _meridiemAm;
    private DayPart _part;
    private LocalTime? _earliest;
    private LocalTime? _latest;

    public DateTimeParser(List<SpeechToken> tokens, SpeechContext context)
    {
        _t = tokens;
        _ctx = context;
        _today = context.Reference.Date;
        _french = context.IsFrench;
    }

    public DateTimeResult? Parse()
    {
        var i = 0;
        while (i < _t.Count)
        {
            var used = TryDuration(i);
            if (used == 0) used = TryRelativeDay(i);
            if (used == 0) used = TryHoliday(i);
            if (used == 0) used = TryNthOfMonth(i);
            if (used == 0) used = TryWeekday(i);
            if (used == 0) used = TryMonthDate(i);
            if (used == 0) used = TryNumericDate(i);
            if (used == 0) used = TryConstraint(i);
            if (used == 0) used = TryTime(i);
            if (used == 0) used = TryPartOfDay(i);
            if (used == 0) used = TryDayOfMonth(i);
            i += used == 0 ? 1 : used;
        }
        return Resolve();
    }

    // ---------- token helpers ----------

    private string W(int i) => i >= 0 && i < _t.Count && !_t[i].IsCompound ? _t[i].Text : string.Empty;

    private bool IsW(int i, string a) => W(i) == a;

    private int Num(int i) => i >= 0 && i < _t.Count && _t[i].IsNumber ? _t[i].Value : -1;

    private bool IsCardinal(int i) => i >= 0 && i < _t.Count && _t[i].IsNumber && !_t[i].IsOrdinal;

    private bool IsOrdinalTok(int i) => i >= 0 && i < _t.Count && _t[i].IsNumber && _t[i].IsOrdinal;

    private int MonthAt(int i)
    {
        var w = W(i);
        if (w.Length == 0)
        {
            return -1;
        }
        var m = CalendarWords.Month(w);
        if (m > 0 && w == "sept" && _t[i].IsNumber)
        {
            return -1;
        }
        return m;
    }

    private bool IsTimeUnitAfterNumber(int i) => W(i) is "h" or "heure" or "heures" or "hr" or "hrs" or "hour" or "hours" or "am" or "pm"
        or "oclock" or "minutes" or "minute" or "min" or "mins" or "ish";

    private static bool IsTrigger(string w) => w is "at" or "a" or "around" or "about" or "approximately" or "approx" or "vers" or "by"
        or "till" or "until" or "til" or "for" or "pres" or "environ" or "from" or "des" or "jusque" or "starting" or "say";

    // ---------- relative days, now ----------

    private int TryRelativeDay(int i)
    {
        switch (W(i))
        {
            case "today" or "aujourdhui" or "tod":
                SetDate(_today);
                return 1;
            case "tomorrow" or "tomorow" or "tmrw" or "tmr" or "demain":
                SetDate(_today.PlusDays(1));
                return 1;
            case "day" when IsW(i + 1, "after") && IsW(i + 2, "tomorrow"):
                SetDate(_today.PlusDays(2));
                return 3;
            case "apres" or "apres-demain" when IsW(i + 1, "demain"):
                SetDate(_today.PlusDays(2));
                return 2;
            case "now" or "maintenant" or "immediately" or "asap":
                _instant ??= _ctx.Reference;
                return 1;
            case "tout" when IsW(i + 1, "de") && IsW(i + 2, "suite"):
                _instant ??= _ctx.Reference;
                return 3;
        }
        return 0;
    }

    private void SetDate(LocalDate date)
    {
        if (!_anyDate)
        {
            _date = date;
            _anyDate = true;
        }
    }

    // ---------- durations: "in 5 minutes", "dans deux semaines", "2 weeks from Monday" ----------

    private int TryDuration(int i)
    {
        var start = i;
        var prefixed = false;
        if (W(i) is "in" or "dans" or "within" or "en")
        {
            prefixed = true;
            i++;
            if (W(i) is "about" or "around" or "approximately" or "roughly" or "just" or "only" or "environ" or "seulement" or "juste")
            {
                i++;
            }
        }
        else if (IsW(i, "de") && IsW(i + 1, "ici"))
        {
            prefixed = true;
            i += 2;
        }
        var period = Period.Zero;
        var any = false;
        var subDay = false;
        var weekdayCount = 0;
        var weekday = IsoDayOfWeek.None;
        while (true)
        {
            var q = ReadQuantity(i, out var qty);
            if (q == 0)
            {
                break;
            }
            var u = i + q;
            if (W(u) is "more" or "additional" or "extra" or "other" or "autres" or "de" && W(u + 1) is not ("la" or "le"))
            {
                if (W(u) != "de" || W(u + 1) is "plus")
                {
                    u += W(u) == "de" ? 2 : 1;
                }
            }
            var unit = W(u);
            var unitUsed = 1;
            // "a quarter of an hour", "un quart d'heure", "trois quarts d'heure"
            if (unit is "quarter" or "quarters" or "quart" or "quarts")
            {
                var k = u + 1;
                if (W(k) is "of" or "de" or "d")
                {
                    k++;
                }
                if (W(k) is "an" or "a")
                {
                    k++;
                }
                if (W(k) is "hour" or "heure")
                {
                    qty *= 0.25;
                    unit = "hour";
                    unitUsed = k - u + 1;
                }
            }
            var half = false;
            if ((unit is "and" or "et") && W(u + 1) is "a" or "an" or "une" && W(u + 2) is "half" or "demi" or "demie")
            {
                half = true;
                unit = W(u + 3);
                unitUsed = 4;
            }
            var wd = CalendarWords.Weekday(unit);
            if (wd != IsoDayOfWeek.None && unit.EndsWith('s') && qty >= 1)
            {
                weekdayCount = (int)qty;
                weekday = wd;
                i = u + 1;
                any = true;
                break;
            }
            if (!TryUnit(unit, qty + (half ? 0.5 : 0), ref period, ref subDay))
            {
                break;
            }
            i = u + unitUsed;
            any = true;
            // "an hour and a half", "deux heures et demie"
            if (W(i) is "and" or "et" && W(i + 1) is "a" or "une" && W(i + 2) is "half" or "demi" or "demie")
            {
                TryUnit(unit, 0.5, ref period, ref subDay);
                i += 3;
            }
            else if (W(i) is "et" && W(i + 1) is "demi" or "demie")
            {
                TryUnit(unit, 0.5, ref period, ref subDay);
                i += 2;
            }
            if (W(i) is "and" or "et" && ReadQuantity(i + 1, out _) > 0)
            {
                i++;
            }
        }
        if (!any)
        {
            return 0;
        }
        var fromNow = prefixed;
        var anchored = false;
        if (W(i) is "from" or "after" && W(i + 1) is "now" or "today")
        {
            fromNow = true;
            i += 2;
        }
        else if (W(i) is "hence" or "later" or "from" && (W(i) != "from" || IsW(i + 1, "now")))
        {
            fromNow = true;
            i += W(i) == "from" ? 2 : 1;
        }
        else if (IsW(i, "plus") && IsW(i + 1, "tard"))
        {
            fromNow = true;
            i += 2;
        }
        else if (W(i) is "from" or "after" or "apres" or "since")
        {
            anchored = true;
            i++;
        }
        else if (!prefixed)
        {
            return 0;
        }
        if (weekdayCount > 0)
        {
            if (!anchored)
            {
                var d = NextWeekday(_today, weekday, strictlyAfter: true).PlusWeeks(weekdayCount - 1);
                SetDate(d);
            }
            return i - start;
        }
        if (anchored && subDay)
        {
            return 0; // "15 minutes from 1pm" is a time, read by TryRelativeMinutes
        }
        if (anchored)
        {
            _anchoredOffset = period;
            return i - start;
        }
        if (!fromNow)
        {
            return 0;
        }
        try
        {
            if (subDay)
            {
                _instant ??= _ctx.Reference.Plus(period);
            }
            else
            {
                _weekOffset = !_anyDate && period.Days % 7 == 0 && period.Days > 0 && period.Months == 0 && period.Years == 0;
                SetDate(_today.Plus(period));
            }
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            // beyond the calendar: not a booking date
        }
        return i - start;
    }

    private int ReadQuantity(int i, out double qty)
    {
        qty = 0;
        var w = W(i);
        if (i < _t.Count && _t[i].IsCompound && _t[i].Text.IndexOfAny(['.', ',']) > 0
            && double.TryParse(_t[i].Text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            qty = d;
            return 1;
        }
        // "1/2 h", "3/4h"
        if (i < _t.Count && _t[i].IsCompound && _t[i].Text is "1/2" or "1/4" or "3/4" && W(i + 1) is "h" or "hour" or "hours" or "heure" or "hr")
        {
            qty = _t[i].Text switch { "1/2" => 0.5, "1/4" => 0.25, _ => 0.75 };
            return 1;
        }
        if (w is "quarter" && W(i + 1) is "hour")
        {
            qty = 0.25;
            return 1;
        }
        if (IsCardinal(i) && _t[i].Value == 1 && W(i + 1) is "demi" or "demie")
        {
            qty = 0.5;
            return 2;
        }
        if (IsCardinal(i))
        {
            qty = _t[i].Value;
            if (W(i + 1) is "and" && W(i + 2) is "a" or "an" && W(i + 3) is "half")
            {
                qty += 0.5;
                return 4;
            }
            return 1;
        }
        switch (w)
        {
            case "a" or "an" or "une" or "one" or "un":
                if (W(i + 1) is "couple" or "pair")
                {
                    qty = 2;
                    return IsW(i + 2, "of") ? 3 : 2;
                }
                if (W(i + 1) is "few")
                {
                    qty = 3;
                    return 2;
                }
                if (W(i + 1) is "demi" or "demie")
                {
                    qty = 0.5;
                    return 2;
                }
                qty = 1;
                return 1;
            case "couple" or "pair":
                qty = 2;
                return IsW(i + 1, "of") ? 2 : 1;
            case "few" or "quelques" or "several":
                qty = 3;
                return 1;
            case "half" when W(i + 1) is "an" or "a":
                qty = 0.5;
                return 2;
        }
        return 0;
    }

    private static bool TryUnit(string unit, double qty, ref Period period, ref bool subDay)
    {
        if (qty is < 0 or > 100_000 || double.IsNaN(qty))
        {
            return false; // not something a caller books against; also keeps the arithmetic in range
        }
        switch (unit)
        {
            case "second" or "seconds" or "sec" or "secs" or "seconde" or "secondes":
                period += Period.FromSeconds((long)Math.Round(qty));
                subDay = true;
                return true;
            case "minute" or "minutes" or "min" or "mins":
                period += Period.FromSeconds((long)Math.Round(qty * 60));
                subDay = true;
                return true;
            case "hour" or "hours" or "hr" or "hrs" or "heure" or "heures" or "h" or "hour(s)":
                period += Period.FromMinutes((long)Math.Round(qty * 60));
                subDay = true;
                return true;
            case "day" or "days" or "jour" or "jours" or "journee" or "journees":
                period += Period.FromDays((int)Math.Round(qty));
                return true;
            case "week" or "weeks" or "wk" or "wks" or "semaine" or "semaines":
                period += Period.FromDays((int)Math.Round(qty * 7));
                return true;
            case "fortnight" or "fortnights" or "quinzaine":
                period += Period.FromDays((int)Math.Round(qty * 14));
                return true;
            case "month" or "months" or "mois" when qty <= 12_000:
                period += Period.FromMonths((int)Math.Round(qty));
                return true;
            case "year" or "years" or "an" or "ans" or "annee" or "annees" when qty <= 1000:
                period += Period.FromYears((int)Math.Round(qty));
                return true;
        }
        return false;
    }

    // ---------- holidays ----------

    private int TryHoliday(int i)
    {
        var start = i;
        if (W(i) is "next" or "this" or "le" or "la" or "the")
        {
            i++;
        }
        var w = W(i);
        var w1 = W(i + 1);
        var w2 = W(i + 2);
        int used;
        Func<int, LocalDate>? rule;
        switch (w)
        {
            case "christmas" or "xmas" or "noel":
                if (w1 is "eve")
                {
                    (used, rule) = (2, y => new LocalDate(y, 12, 24));
                }
                else
                {
                    (used, rule) = (w1 is "day" ? 2 : 1, y => new LocalDate(y, 12, 25));
                }
                break;
            case "jour" when w1 == "de" && w2 == "noel":
                (used, rule) = (3, y => new LocalDate(y, 12, 25));
                break;
            case "nouvel" when w1 == "an":
                (used, rule) = (2, y => new LocalDate(y, 1, 1));
                break;
            case "reveillon":
                (used, rule) = (W(i + 1) == "de" && W(i + 2) == "noel" ? 3 : 1, y => W(i + 2) == "noel" ? new LocalDate(y, 12, 24) : new LocalDate(y, 12, 31));
                break;
            case "fete" when w1 == "du" && w2 == "travail":
                (used, rule) = (3, y => NthWeekday(y, 9, IsoDayOfWeek.Monday, 1));
                break;
            case "jour" when w1 == "du" && w2 == "souvenir":
                (used, rule) = (3, y => new LocalDate(y, 11, 11));
                break;
            case "veille" when w1 == "de" && w2 == "noel":
                (used, rule) = (3, y => new LocalDate(y, 12, 24));
                break;
            case "boxing" when w1 == "day":
                (used, rule) = (2, y => new LocalDate(y, 12, 26));
                break;
            case "new" when w1 is "year" or "years" && w2 is "eve":
                (used, rule) = (3, y => new LocalDate(y, 12, 31));
                break;
            case "new" when w1 is "year" or "years" && w2 is "day":
                (used, rule) = (3, y => new LocalDate(y, 1, 1));
                break;
            case "jour" when w1 == "de" && w2 == "le" && W(i + 3) == "an":
                (used, rule) = (4, y => new LocalDate(y, 1, 1));
                break;
            case "valentine" or "valentines":
                (used, rule) = (w1 is "day" ? 2 : 1, y => new LocalDate(y, 2, 14));
                break;
            case "saint" or "st" when w1 is "valentin":
                (used, rule) = (2, y => new LocalDate(y, 2, 14));
                break;
            case "saint" or "st" when w1 is "patrick" or "patricks":
                (used, rule) = (W(i + 2) == "day" ? 3 : 2, y => new LocalDate(y, 3, 17));
                break;
            case "saint" or "st" when w1 is "jean":
                (used, rule) = (W(i + 2) == "baptiste" ? 3 : 2, y => new LocalDate(y, 6, 24));
                break;
            case "halloween":
                (used, rule) = (1, y => new LocalDate(y, 10, 31));
                break;
            case "toussaint":
                (used, rule) = (1, y => new LocalDate(y, 11, 1));
                break;
            case "journee" when w1 == "de" && w2 == "la" && W(i + 3) == "toussaint":
                (used, rule) = (4, y => new LocalDate(y, 11, 1));
                break;
            case "canada" when w1 == "day":
                (used, rule) = (2, y => new LocalDate(y, 7, 1));
                break;
            case "fete" when w1 == "du" && w2 == "canada":
                (used, rule) = (3, y => new LocalDate(y, 7, 1));
                break;
            case "fete" when w1 == "nationale":
                (used, rule) = (2, y => new LocalDate(y, 6, 24));
                break;
            case "remembrance" when w1 == "day":
                (used, rule) = (2, y => new LocalDate(y, 11, 11));
                break;
            case "vimy" when w1 == "ridge" && w2 == "day":
                (used, rule) = (3, y => new LocalDate(y, 4, 9));
                break;
            case "groundhog" when w1 == "day":
                (used, rule) = (2, y => new LocalDate(y, 2, 2));
                break;
            case "thanksgiving":
                (used, rule) = (w1 is "day" ? 2 : 1, y => NthWeekday(y, 10, IsoDayOfWeek.Monday, 2));
                break;
            case "action" when w1 == "de" && w2 is "grace" or "graces":
                (used, rule) = (3, y => NthWeekday(y, 10, IsoDayOfWeek.Monday, 2));
                break;
            case "labour" or "labor" when w1 == "day":
                (used, rule) = (2, y => NthWeekday(y, 9, IsoDayOfWeek.Monday, 1));
                break;
            case "civic" when w1 == "holiday":
                (used, rule) = (2, y => NthWeekday(y, 8, IsoDayOfWeek.Monday, 1));
                break;
            case "family" when w1 == "day":
                (used, rule) = (2, y => NthWeekday(y, 2, IsoDayOfWeek.Monday, 3));
                break;
            case "victoria" when w1 == "day":
                (used, rule) = (2, y => new LocalDate(y, 5, 24).Previous(IsoDayOfWeek.Monday));
                break;
            case "mother" or "mothers" when w1 == "day":
                (used, rule) = (2, y => NthWeekday(y, 5, IsoDayOfWeek.Sunday, 2));
                break;
            case "father" or "fathers" when w1 == "day":
                (used, rule) = (2, y => NthWeekday(y, 6, IsoDayOfWeek.Sunday, 3));
                break;
            default:
                return 0;
        }
        i += used;
        var year = -1;
        if (i < _t.Count && _t[i].IsDigits && _t[i].Value is >= 1900 and <= 2200)
        {
            year = _t[i].Value;
            i++;
        }
        if (year > 0)
        {
            SetDate(rule(year));
        }
        else
        {
            var d = rule(_today.Year);
            SetDate(d < _today ? rule(_today.Year + 1) : d);
        }
        return i - start;
    }

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek weekday, int n)
    {
        var first = new LocalDate(year, month, 1);
        var d = first.DayOfWeek == weekday ? first : first.Next(weekday);
        return d.PlusWeeks(n - 1);
    }

    // ---------- "first tuesday of october", "last day in october 2015", "20 of next month" ----------

    private int TryNthOfMonth(int i)
    {
        var start = i;
        if (W(i) is "the" or "le" or "la" or "on")
        {
            i++;
        }
        var n = 0;
        if (W(i) is "last" or "dernier" or "derniere")
        {
            n = -1;
        }
        else if (IsOrdinalTok(i) && _t[i].Value is >= 1 and <= 31 && !IsChoiceNoun(W(i + 1)))
        {
            n = _t[i].Value;
        }
        else if (IsCardinal(i) && _t[i].Value is >= 1 and <= 31 && W(i + 1) is "of" or "de")
        {
            n = _t[i].Value;
        }
        else
        {
            return 0;
        }
        i++;
        var weekday = CalendarWords.Weekday(W(i));
        var isDay = W(i) is "day" or "jour";
        if (weekday != IsoDayOfWeek.None || isDay)
        {
            i++;
        }
        else if (n < 0)
        {
            return 0;
        }
        if (W(i) is not ("of" or "in" or "de" or "du" or "d"))
        {
            return 0;
        }
        i++;
        if (W(i) is "the" or "le" or "la" or "ce" or "this")
        {
            i++;
        }
        int year;
        int month;
        var m = MonthAt(i);
        if (m > 0)
        {
            month = m;
            i++;
            year = -1;
            if (i < _t.Count && _t[i].IsDigits && _t[i].Value is >= 1900 and <= 2200)
            {
                year = _t[i].Value;
                i++;
            }
        }
        else if (W(i) is "next" or "following" && W(i + 1) is "month")
        {
            var d = _today.PlusMonths(1);
            (year, month) = (d.Year, d.Month);
            i += 2;
        }
        else if (W(i) is "mois" && W(i + 1) is "prochain" or "suivant")
        {
            var d = _today.PlusMonths(1);
            (year, month) = (d.Year, d.Month);
            i += 2;
        }
        else if (W(i) is "current" or "this" && W(i + 1) == "month" || W(i) == "month" && W(i - 1) is "this" or "the")
        {
            (year, month) = (_today.Year, _today.Month);
            i += W(i) == "month" ? 1 : 2;
        }
        else if (W(i) is "mois" && W(i - 1) is "ce")
        {
            (year, month) = (_today.Year, _today.Month);
            i++;
        }
        else if (W(i) is "mois" && W(i + 1) is "courant")
        {
            (year, month) = (_today.Year, _today.Month);
            i += 2;
        }
        else
        {
            return 0;
        }
        LocalDate? result = null;
        for (var attempt = 0; attempt < 2 && result is null; attempt++)
        {
            var y = year > 0 ? year : _today.Year + attempt;
            var candidate = Pick(y, month, n, weekday, isDay);
            if (candidate is not null && (year > 0 || candidate >= _today))
            {
                result = candidate;
            }
            if (year > 0)
            {
                break;
            }
        }
        if (result is null)
        {
            return 0;
        }
        SetDate(result.Value);
        return i - start;
    }

    private static LocalDate? Pick(int year, int month, int n, IsoDayOfWeek weekday, bool isDay)
    {
        var days = CalendarSystem.Iso.GetDaysInMonth(year, month);
        if (weekday == IsoDayOfWeek.None)
        {
            var day = n < 0 ? days : n;
            return day <= days ? new LocalDate(year, month, day) : null;
        }
        if (n < 0)
        {
            var last = new LocalDate(year, month, days);
            return last.DayOfWeek == weekday ? last : last.Previous(weekday);
        }
        var d = NthWeekday(year, month, weekday, n);
        return d.Month == month ? d : null;
    }

    // ---------- weekdays ----------

    private int TryWeekday(int i)
    {
        var wd = CalendarWords.Weekday(W(i));
        if (wd == IsoDayOfWeek.None || W(i).EndsWith('s') && W(i).Length > 3 && W(i) != "tues" && W(i) != "thurs" && W(i) != "weds")
        {
            return 0;
        }
        var w = W(i);
        if (CalendarWords.IsAmbiguousName(w) && _t.Count > 1 && !IsCardinal(i + 1) && !IsOrdinalTok(i + 1) && MonthAt(i + 1) < 0
            && !(i + 1 < _t.Count && _t[i + 1].IsCompound))
        {
            return 0;
        }
        var mode = WeekdayMode.Nearest;
        var prev = W(i - 1);
        var prev2 = W(i - 2);
        if (prev is "next" or "following" || (prev is "prochain" or "prochaine"))
        {
            mode = WeekdayMode.NextWeek;
        }
        else if (prev is "coming" or "upcoming")
        {
            mode = WeekdayMode.Coming;
        }
        else if (prev is "this" or "ce" or "cette" && prev2 != "of")
        {
            mode = WeekdayMode.ThisWeek;
        }
        else if ((prev is "on" or "le" && W(i - 2) == "week" && W(i - 3) is "next" or "following")
            || (prev == "week" && prev2 is "next" or "following")
            || (W(i - 2) == "semaine" && prev is "prochaine" or "suivante")
            || (W(i - 3) == "semaine" && W(i - 2) is "prochaine" or "suivante" && prev is "le"))
        {
            mode = WeekdayMode.NextWeek;
        }
        var j = i + 1;
        // suffixes
        if (W(j) == "after" && W(j + 1) == "next")
        {
            mode = WeekdayMode.AfterNearest;
            j += 2;
        }
        else if (W(j) is "prochain" or "prochaine" or "suivant" or "suivante")
        {
            mode = WeekdayMode.NextWeek;
            j++;
        }
        else if (W(j) == "de" && W(j + 1) is "apres")
        {
            mode = WeekdayMode.AfterNearest;
            j += 2;
        }
        else if (W(j) == "en" && Num(j + 1) is 8 or 15)
        {
            mode = Num(j + 1) == 8 ? WeekdayMode.AfterNearest : WeekdayMode.TwoAfterNearest;
            j += 2;
        }
        else
        {
            var k = j;
            if (W(k) is "of" or "de" or "in")
            {
                k++;
            }
            if (W(k) is "the" or "la")
            {
                k++;
            }
            if (W(k) is "next" or "following" && W(k + 1) == "week")
            {
                mode = WeekdayMode.NextWeek;
                j = k + 2;
            }
            else if (W(k) is "this" or "cette" && W(k + 1) is "week" or "semaine")
            {
                mode = WeekdayMode.ThisWeek;
                j = k + 2;
            }
            else if (W(k) == "semaine" && W(k + 1) is "prochaine" or "suivante")
            {
                mode = WeekdayMode.NextWeek;
                j = k + 2;
            }
            else if (W(k) == "semaine" && W(k + 1) == "de" && W(k + 2) == "apres")
            {
                mode = WeekdayMode.NextWeek;
                j = k + 3;
            }
            else if (W(k) == "week" && W(k - 1) is "next" or "following")
            {
                mode = WeekdayMode.NextWeek;
                j = k + 1;
            }
        }
        if (_weekday == IsoDayOfWeek.None)
        {
            _weekday = wd;
            _weekdayMode = mode;
        }
        // "Tuesday the 19th", "Monday 21", "mercredi 13", "Sat 14th"
        var d = j;
        if (W(d) is "the" or "le")
        {
            d++;
        }
        if (d < _t.Count && _t[d].IsNumber && _t[d].Value is >= 1 and <= 31 && MonthAt(d + 1) < 0 && !IsTimeUnitAfterNumber(d + 1)
            && (_t[d].IsOrdinal || _t[d].Value > 12 || d != j || (_french && W(d + 1) is not ("a" or "vers"))) && _day < 0)
        {
            _day = _t[d].Value;
            j = d + 1;
        }
        return j - i;
    }

    private LocalDate ResolveWeekday()
    {
        var wd = _weekday;
        switch (_weekdayMode)
        {
            case WeekdayMode.ThisWeek:
            {
                var monday = _today.DayOfWeek == IsoDayOfWeek.Monday ? _today : _today.Previous(IsoDayOfWeek.Monday);
                var d = monday.PlusDays((int)wd - 1);
                return d < _today ? d.PlusWeeks(1) : d;
            }
            case WeekdayMode.NextWeek:
            {
                var nextMonday = _today.Next(IsoDayOfWeek.Monday);
                return nextMonday.PlusDays((int)wd - 1);
            }
            case WeekdayMode.AfterNearest:
                return NextWeekday(_today, wd, strictlyAfter: true).PlusWeeks(1);
            case WeekdayMode.TwoAfterNearest:
                return NextWeekday(_today, wd, strictlyAfter: true).PlusWeeks(2);
            default:
                return NextWeekday(_today, wd, strictlyAfter: true);
        }
    }

    private static LocalDate NextWeekday(LocalDate from, IsoDayOfWeek wd, bool strictlyAfter) =>
        !strictlyAfter && from.DayOfWeek == wd ? from : from.Next(wd);

    // ---------- "March 5th", "le 3 mars 2015", "the third of march", "Feb13" ----------

    private int TryMonthDate(int i)
    {
        var start = i;
        var m = MonthAt(i);
        if (m > 0)
        {
            var j = i + 1;
            if (W(j) is "the" or "le")
            {
                j++;
            }
            if (j < _t.Count && _t[j].IsNumber && _t[j].Value is >= 1 and <= 31 && !IsTimeUnitAfterNumber(j + 1)
                && !(W(i) is "may" or "mai" && !_t[j].IsOrdinal && W(j + 1) is "i"))
            {
                var day = _t[j].Value;
                j++;
                j += ReadYear(j, out var year, allowShort: false);
                SetMonthDay(m, day, year);
                return j - start;
            }
            if (!CalendarWords.IsAmbiguousName(W(i)) && !_anyDate && _month < 0)
            {
                // month alone: remember it for "the 5th ... of March" style combos
                var year0 = -1;
                var used = 1 + ReadYear(i + 1, out year0, allowShort: false);
                if (_day > 0)
                {
                    SetMonthDay(m, _day, year0);
                }
                else
                {
                    _month = m;
                    _year = year0;
                }
                return used;
            }
            return 0;
        }
        if (W(i) is "le" or "the" or "on" or "la")
        {
            i++;
            if (W(i) is "the")
            {
                i++;
            }
        }
        if (i < _t.Count && _t[i].IsNumber && _t[i].Value is >= 1 and <= 31)
        {
            var day = _t[i].Value;
            var j = i + 1;
            if (W(j) is "jour" && W(j + 1) is "de")
            {
                j += 2;
            }
            else if (W(j) is "of" or "de" or "du")
            {
                j++;
            }
            var mm = MonthAt(j);
            if (mm > 0)
            {
                j++;
                j += ReadYear(j, out var year, allowShort: true);
                SetMonthDay(mm, day, year);
                return j - start;
            }
        }
        return 0;
    }

    private int ReadYear(int j, out int year, bool allowShort)
    {
        year = -1;
        if (j < _t.Count && _t[j].IsNumber && !_t[j].IsOrdinal && _t[j].Value is >= 1900 and <= 2200)
        {
            year = _t[j].Value;
            return 1;
        }
        if (allowShort && j == _t.Count - 1 && _t[j].IsDigits && _t[j].Text.Length == 2)
        {
            year = 2000 + _t[j].Value;
            return 1;
        }
        return 0;
    }

    private void SetMonthDay(int month, int day, int year)
    {
        if (_anyDate && _date is not null)
        {
            return;
        }
        if (_month > 0 && _day > 0)
        {
            return;
        }
        _month = month;
        _day = day;
        _year = year;
        _anyDate = true;
    }

    // ---------- numeric dates: 2/15, 22/04, 2018-7-6, 7.6, "17 02", "le 20 02 2014" ----------

    private int TryNumericDate(int i)
    {
        if (i < _t.Count && _t[i].IsCompound)
        {
            var text = _t[i].Text;
            if (text.Contains(':', StringComparison.Ordinal))
            {
                return 0;
            }
            var parts = text.Split('/', '-', '.');
            if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || p.Length > 4))
            {
                return 0;
            }
            var a = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var b = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var isDot = text.Contains('.', StringComparison.Ordinal);
            if (isDot && parts.Length == 2 && LooksLikeDotTime(i, a, parts[1]))
            {
                return 0;
            }
            if (isDot && parts.Length == 2 && IsTimeUnitAfterNumber(i + 1))
            {
                return 0;
            }
            int year = -1, month, day;
            if (parts.Length == 3)
            {
                var c = int.Parse(parts[2], CultureInfo.InvariantCulture);
                if (parts[0].Length == 4)
                {
                    (year, month, day) = (a, b, c);
                }
                else
                {
                    year = parts[2].Length == 2 ? 2000 + c : c;
                    (month, day) = DayMonthOrder(a, b);
                }
            }
            else
            {
                (month, day) = DayMonthOrder(a, b);
            }
            if (month is < 1 or > 12 || day < 1 || day > 31 || (year > 0 && year is < 1900 or > 2200))
            {
                return 0;
            }
            SetMonthDay(month, day, year);
            return 1;
        }
        // French spoken/written "17 02", "le 20 02 2014", "le 24 12 2014", "20 02 14"
        var start = i;
        var hasLe = false;
        if (W(i) is "le")
        {
            hasLe = true;
            i++;
        }
        if (i + 1 < _t.Count && _t[i].IsDigits && _t[i + 1].IsDigits && _t[i].Value is >= 1 and <= 31 && _t[i + 1].Value is >= 1 and <= 12
            && !_t[i].IsOrdinal && !_t[i + 1].IsOrdinal
            && (hasLe || _t[i + 1].Text.Length == 2 && _t[i + 1].Text[0] == '0' || _french && _t[i + 1].Text.Length == 2)
            && !IsTimeUnitAfterNumber(i + 2) && !IsTimeUnitAfterNumber(i + 1) && !IsTrigger(W(i - 1)))
        {
            var day = _t[i].Value;
            var month = _t[i + 1].Value;
            var j = i + 2;
            var year = -1;
            if (j < _t.Count && _t[j].IsDigits && (_t[j].Text.Length == 4 || _t[j].Text.Length == 2) && !IsTimeUnitAfterNumber(j + 1))
            {
                year = _t[j].Text.Length == 2 ? 2000 + _t[j].Value : _t[j].Value;
                j++;
            }
            SetMonthDay(month, day, year);
            return j - start;
        }
        return 0;
    }

    private (int Month, int Day) DayMonthOrder(int a, int b)
    {
        if (_french)
        {
            return b > 12 && a <= 12 ? (a, b) : (b, a);
        }
        return a > 12 && b <= 12 ? (b, a) : (a, b);
    }

    private bool LooksLikeDotTime(int i, int a, string minutes)
    {
        if (minutes.Length != 2 || a > 24)
        {
            return false;
        }
        var b = int.Parse(minutes, CultureInfo.InvariantCulture);
        if (b > 59)
        {
            return false;
        }
        var next = W(i + 1);
        if (next is "am" or "pm" or "a" or "p" or "h" or "tonight" or "today" or "oclock" || CalendarWords.Part(next) != DayPart.None)
        {
            return true;
        }
        if (IsTrigger(W(i - 1)) && W(i - 1) is not "for")
        {
            return true;
        }
        return b > 31;
    }

    // ---------- "the 12th", "le 23", "on the first" ----------

    private int TryDayOfMonth(int i)
    {
        var start = i;
        var hasArticle = false;
        if (W(i) is "on" && W(i + 1) is "the")
        {
            i++;
        }
        if (W(i) is "the" or "le" or "la")
        {
            hasArticle = true;
            i++;
        }
        if (i >= _t.Count || !_t[i].IsNumber || _t[i].Value is < 1 or > 31)
        {
            return 0;
        }
        var tok = _t[i];
        if (IsChoiceNoun(W(i + 1)) || (tok.IsOrdinal && W(i - 1) == "la") || W(i + 1) is "week" or "weeks" or "semaine")
        {
            return 0; // "the first one", "the second option": choosing an offered slot, not a day
        }
        if (!(tok.IsOrdinal && (hasArticle || tok.IsDigits)) && !(hasArticle && tok.IsDigits && W(i - 1) is "le" or "la" or "the"))
        {
            return 0;
        }
        if (IsTimeUnitAfterNumber(i + 1) || W(i + 1) is "of" && W(i + 2) is "the" or "this" or "next")
        {
            return 0;
        }
        var j = i + 1;
        if (W(j) is "of" or "de" && W(j + 1) is "next" or "this" or "following" && W(j + 2) is "month")
        {
            _monthOffset = W(j + 1) == "this" ? 0 : 1;
            j += 3;
        }
        else if (W(j) is "du" or "de" && W(j + 1) is "mois" && W(j + 2) is "prochain" or "suivant")
        {
            _monthOffset = 1;
            j += 3;
        }
        if (_day < 0)
        {
            _day = tok.Value;
            _anyDate = true;
        }
        return j - start;
    }

    // ---------- constraints: "after 4", "before lunch", "avant midi" ----------

    private int TryConstraint(int i)
    {
        var w = W(i);
        var isAfter = w is "after" or "apres" or "past" && !(w == "apres" && W(i + 1) is "midi" or "demain");
        var isBefore = w is "before" or "avant" || (w == "no" && W(i + 1) == "later" && W(i + 2) == "than");
        if (w == "later" && W(i + 1) == "than")
        {
            isAfter = true;
            i++;
        }
        if (!isAfter && !isBefore)
        {
            return 0;
        }
        var start = i;
        var j = isBefore && w == "no" ? i + 3 : i + 1;
        if (W(j) is "the" or "le")
        {
            j++;
        }
        LocalTime? t = null;
        var used = 0;
        switch (W(j))
        {
            case "noon" or "midi" or "midday":
                t = new LocalTime(12, 0);
                used = 1;
                break;
            case "lunch" or "lunchtime" or "diner":
                t = isBefore ? new LocalTime(12, 0) : new LocalTime(13, 0);
                used = 1;
                break;
            case "work" or "school":
                t = isBefore ? new LocalTime(9, 0) : new LocalTime(17, 0);
                used = 1;
                break;
        }
        if (t is null && j < _t.Count && _t[j].IsNumber && !_t[j].IsOrdinal && _t[j].Value is >= 0 and <= 24)
        {
            var h = _t[j].Value;
            var minute = 0;
            used = 1;
            var k = j + 1;
            if (W(k) is "h" or "heures" or "heure" or "oclock")
            {
                k++;
                used++;
                if (IsCardinal(k) && _t[k].Value < 60)
                {
                    minute = _t[k].Value;
                    used++;
                    k++;
                }
            }
            var pm = W(k) is "pm" or "p";
            var am = W(k) is "am" or "a";
            if (pm || am)
            {
                used++;
            }
            var hh = !pm && !am && h is >= 1 and <= 12 && !_t[j].Text.StartsWith('0') ? ResolveAmbiguousHour(h, minute) : ApplyMeridiem(h, pm, am, DayPart.None);
            t = new LocalTime(hh % 24, minute);
        }
        else if (t is null && j < _t.Count && _t[j].IsCompound && TryClock(_t[j].Text, out var ch, out var cm, out _))
        {
            used = 1;
            var pm = W(j + 1) is "pm" or "p";
            var am = W(j + 1) is "am" or "a";
            if (pm || am)
            {
                used++;
            }
            var hh = !pm && !am && ch is >= 1 and <= 12 ? ResolveAmbiguousHour(ch, cm) : ApplyMeridiem(ch, pm, am, DayPart.None);
            t = new LocalTime(hh % 24, cm);
        }
        if (t is null)
        {
            return 0;
        }
        if (isAfter)
        {
            _earliest = t;
        }
        else
        {
            _latest = t;
        }
        return j + used - start;
    }

    // ---------- times ----------

    private static bool TryClock(string text, out int hour, out int minute, out int second)
    {
        hour = minute = 0;
        second = -1;
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length > 2 || parts[1].Length != 2)
        {
            return false;
        }
        hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
        minute = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (parts.Length == 3)
        {
            if (parts[2].Length != 2)
            {
                return false;
            }
            second = int.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        return hour <= 24 && minute < 60 && second < 60;
    }

    private int TryTime(int i)
    {
        if (i >= _t.Count)
        {
            return 0;
        }
        var tok = _t[i];
        if (tok.IsCompound)
        {
            if (TryClock(tok.Text, out var h, out var m, out var s))
            {
                return 1 + SetTime(h, m, s, i + 1, explicitAmbiguity: !tok.Text.StartsWith('0'));
            }
            var dot = tok.Text.Split('.');
            if (dot.Length == 2 && dot[0].Length <= 2 && LooksLikeDotTime(i, int.Parse(dot[0], CultureInfo.InvariantCulture), dot[1]))
            {
                return 1 + SetTime(int.Parse(dot[0], CultureInfo.InvariantCulture), int.Parse(dot[1], CultureInfo.InvariantCulture), -1, i + 1, true);
            }
            return 0;
        }
        var w = tok.Text;
        // noon, midnight, midi et quart
        var special = SpecialHour(i, out var specialUsed);
        if (special >= 0)
        {
            var j = i + specialUsed;
            var minute = 0;
            var fm = ReadFrenchMinutes(j, ref special, ref minute);
            if (fm == 0 && IsCardinal(j) && _t[j].Value is > 0 and < 60 && !IsDurationUnit(W(j + 1)) && !_t[j].IsDigits)
            {
                minute = _t[j].Value;
                fm = 1;
            }
            j += fm;
            SetExplicit(special, minute, -1);
            return j - i;
        }
        // "half past four", "quarter to five", "20 minutes past 3pm", "15 to noon"
        var rel = TryRelativeMinutes(i);
        if (rel > 0)
        {
            return rel;
        }
        if (!tok.IsNumber || tok.IsOrdinal)
        {
            return 0;
        }
        var n = tok.Value;
        // "1030", "815" after a trigger or with a day part
        if (tok.IsDigits && tok.Text.Length is 3 or 4 && (IsTrigger(W(i - 1)) || HasDayPartWord() || IsTimeUnitAfterNumber(i + 1)
            || (tok.Text.Length == 4 && tok.Text[0] == '0')))
        {
            var hh = n / 100;
            var mm = n % 100;
            if (hh <= 24 && mm < 60)
            {
                return 1 + SetTime(hh, mm, -1, i + 1, explicitAmbiguity: tok.Text[0] != '0');
            }
            return 0;
        }
        if (n > 24)
        {
            return 0;
        }
        var next = W(i + 1);
        if (next is "h" or "heure" or "heures" or "hr" or "hrs")
        {
            var j = i + 2;
            var minute = 0;
            var hour = n;
            if (IsCardinal(j) && _t[j].Value < 60 && !(W(j + 1) is "minutes" or "minute" && W(j - 2) is "dans" or "en"))
            {
                minute = _t[j].Value;
                j++;
                if (W(j) is "minutes" or "minute" or "min")
                {
                    j++;
                }
            }
            else
            {
                j += ReadFrenchMinutes(j, ref hour, ref minute);
            }
            return j - i + SetTime(hour, minute, -1, j, explicitAmbiguity: n <= 12 && !tok.Text.StartsWith('0'));
        }
        if (next is "am" or "pm" or "oclock" or "ish" || (next is "a" or "p" && tok.IsDigits && (W(i + 2).Length == 0 || W(i + 2) is not ("m"))))
        {
            if (next is "a" && W(i + 2) is "partir" or "la" or "le")
            {
                return 0;
            }
            return 1 + SetTime(n, 0, -1, i + 1, explicitAmbiguity: true);
        }
        if (next is "et" && W(i + 2) is "quart" or "demi" or "demie")
        {
            var hour = n;
            var minute = 0;
            var j = i + 1 + ReadFrenchMinutes(i + 1, ref hour, ref minute);
            if (W(j) is "heures" or "heure")
            {
                j++;
            }
            return j - i + SetTime(hour, minute, -1, j, explicitAmbiguity: true);
        }
        if (next is "oh" or "o" or "ou" or "zero" && IsCardinal(i + 2) && _t[i + 2].Value is >= 0 and <= 9 && n is >= 1 and <= 12)
        {
            return 2 + 1 + SetTime(n, _t[i + 2].Value, -1, i + 3, explicitAmbiguity: true);
        }
        if (IsCardinal(i + 1) && W(i + 2) is not ("h" or "heure" or "heures" or "oclock") && !IsDurationUnit(W(i + 2)) && MonthAt(i + 2) < 0)
        {
            var mTok = _t[i + 1];
            var bothWords = !tok.IsDigits && !mTok.IsDigits;
            var digitsWithTrigger = tok.IsDigits && mTok.IsDigits && mTok.Text.Length == 2
                && (IsTrigger(W(i - 1)) || W(i + 2) is "am" or "pm" || (W(i + 2) is "a" or "p" && W(i + 3).Length == 0));
            if ((bothWords && mTok.Value is >= 1 and <= 59) || (digitsWithTrigger && mTok.Value <= 59))
            {
                var j = i + 2;
                var sec = -1;
                if (W(j) is "minutes" or "minute")
                {
                    j++;
                }
                return j - i + SetTime(n, mTok.Value, sec, j, explicitAmbiguity: true);
            }
        }
        // bare hour after "at", before a day part, or the whole answer
        var trigger = IsTrigger(W(i - 1));
        var dayPartAfter = IsDayPartAhead(i + 1);
        var alone = _t.Count == 1 || (_t.Count == 2 && W(i - 1) is "at" or "a");
        if ((trigger || dayPartAfter || alone) && !IsDurationUnit(next) && MonthAt(i + 1) < 0 && !IsW(i - 1, "for") || (IsW(i - 1, "for") && (HasDayPartWord() || IsW(i + 1, "tomorrow") || IsW(i + 1, "today"))))
        {
            if (_hour >= 0 && !_latentHour)
            {
                return 0;
            }
            var used = SetTime(n, 0, -1, i + 1, explicitAmbiguity: true);
            _latentHour = true;
            return 1 + used;
        }
        return 0;
    }

    private static bool IsChoiceNoun(string w) => w is "one" or "ones" or "option" or "choice" or "slot" or "time" or "available" or "opening"
        or "appointment" or "thing" or "person" or "visit" or "floor" or "place" or "proposition" or "choix" or "option" or "plage"
        or "rendez" or "creneau" or "fois" or "etage";

    private static bool IsDurationUnit(string w) => w is "minutes" or "minute" or "min" or "mins" or "hours" or "hour" or "days" or "day"
        or "weeks" or "week" or "months" or "month" or "years" or "year" or "jours" or "jour" or "semaines" or "semaine" or "mois" or "ans"
        or "seconds" or "secondes" or "people" or "persons" or "personnes" or "of" or "times" or "fois";

    private bool IsDayPartAhead(int j)
    {
        for (var k = j; k < Math.Min(_t.Count, j + 4); k++)
        {
            var w = W(k);
            if (w is "morning" or "afternoon" or "evening" or "tonight" or "night" or "matin" or "soir" or "soiree" or "matinee" or "lunchtime" or "nuit")
            {
                return true;
            }
            if (w is "apres" && W(k + 1) == "midi")
            {
                return true;
            }
            if (w.Length > 0 && w is not ("in" or "the" or "this" or "ce" or "du" or "de" or "dans" or "la" or "le" or "tomorrow" or "today" or "demain" or "cet" or "cette" or "early" or "late"))
            {
                return false;
            }
        }
        return false;
    }

    private bool HasDayPartWord()
    {
        foreach (var t in _t)
        {
            if (!t.IsCompound && t.Text is "morning" or "afternoon" or "evening" or "tonight" or "night" or "matin" or "soir" or "soiree" or "nuit")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>noon / midnight / midi / minuit; returns the hour or -1.</summary>
    private int SpecialHour(int i, out int used)
    {
        used = 1;
        switch (W(i))
        {
            case "noon" or "noonish" or "midday" or "midi":
                if (W(i) == "midi" && W(i - 1) is "apres" or "l'apres")
                {
                    return -1;
                }
                return 12;
            case "midnight" or "minuit":
                return 0;
            case "mid" when W(i + 1) is "night":
                used = 2;
                return 0;
            case "mid" when W(i + 1) is "day":
                used = 2;
                return 12;
            case "lunchtime" when _hour < 0 && !IsCardinal(i - 1):
                return 12;
        }
        return -1;
    }

    /// <summary>"et quart", "et demie", "moins le quart", "moins dix" after an hour.</summary>
    private int ReadFrenchMinutes(int j, ref int hour, ref int minute)
    {
        if (W(j) == "et" && W(j + 1) == "quart")
        {
            minute = 15;
            return 2;
        }
        if (W(j) == "et" && W(j + 1) is "demi" or "demie")
        {
            minute = 30;
            return 2;
        }
        if (W(j) == "et" && IsCardinal(j + 1) && _t[j + 1].Value < 60)
        {
            minute = _t[j + 1].Value;
            return W(j + 2) is "minutes" or "minute" ? 3 : 2;
        }
        if (W(j) == "moins" && (W(j + 1) == "le" && W(j + 2) == "quart" || W(j + 1) == "quart"))
        {
            hour = (hour + 23) % 24;
            minute = 45;
            return W(j + 1) == "le" ? 3 : 2;
        }
        if (W(j) == "moins" && IsCardinal(j + 1) && _t[j + 1].Value is > 0 and < 60)
        {
            hour = (hour + 23) % 24;
            minute = 60 - _t[j + 1].Value;
            return W(j + 2) is "minutes" or "minute" ? 3 : 2;
        }
        return 0;
    }

    private int TryRelativeMinutes(int i)
    {
        var j = i;
        var minutes = -1;
        var explicitUnit = false;
        if (W(j) is "a" && W(j + 1) is "quarter" or "half")
        {
            j++;
        }
        if (W(j) is "quarter")
        {
            minutes = 15;
            j++;
        }
        else if (W(j) is "half")
        {
            minutes = 30;
            j++;
            // British "half three" = 3:30
            if (W(i) == "half" && IsCardinal(j) && _t[j].Value is >= 1 and <= 12 && !IsDurationUnit(W(j + 1)))
            {
                if (_hour >= 0 && !_latentHour)
                {
                    return 0;
                }
                return j - i + 1 + SetTime(_t[j].Value, 30, -1, j + 1, explicitAmbiguity: true);
            }
        }
        else if (IsCardinal(j) && _t[j].Value == 3 && W(j + 1) is "quarters" or "quarter")
        {
            minutes = 45;
            j += 2;
        }
        else if (IsCardinal(j) && _t[j].Value is > 0 and < 60)
        {
            minutes = _t[j].Value;
            j++;
            if (W(j) is "minutes" or "minute" or "min" or "mins")
            {
                explicitUnit = true;
                j++;
            }
        }
        if (minutes < 0)
        {
            return 0;
        }
        var dir = W(j);
        int sign;
        if (dir is "past" || (dir is "after" && minutes <= 30) || (dir is "from" && (explicitUnit || W(i) is "quarter" or "half" or "a")))
        {
            sign = 1;
        }
        else if (dir is "to" or "til" or "till" or "of" or "before" && (dir is "to" or "til" or "till" || explicitUnit || W(i) is "quarter" or "a"))
        {
            sign = -1;
        }
        else
        {
            return 0;
        }
        j++;
        // target hour
        int hour;
        var k = j;
        var special = SpecialHour(k, out var su);
        var ambiguous = false;
        var pm = false;
        var am = false;
        if (special >= 0)
        {
            hour = special;
            k += su;
        }
        else if (IsCardinal(k) && _t[k].Value is >= 0 and <= 24)
        {
            hour = _t[k].Value;
            k++;
            if (W(k) is "pm" or "p")
            {
                pm = true;
                k++;
            }
            else if (W(k) is "am" or "a" && W(k + 1) is not "partir")
            {
                am = true;
                k++;
            }
            else if (W(k) is "oclock")
            {
                k++;
            }
            ambiguous = !pm && !am && hour is >= 1 and <= 12;
        }
        else
        {
            return 0;
        }
        if (pm || am)
        {
            hour = ApplyMeridiem(hour, pm, am, DayPart.None);
        }
        var total = (hour * 60) + (sign * minutes);
        total = ((total % 1440) + 1440) % 1440;
        if (_hour >= 0 && !_latentHour)
        {
            return k - i;
        }
        _hour = total / 60;
        _minute = total % 60;
        _second = -1;
        _latentHour = false;
        _meridiemAm = false;
        _meridiemPm = false;
        _ambiguous = ambiguous;
        if (ambiguous && _hour == 0)
        {
            _hour = 12; // "quarter to one" is 12:45
        }
        return k - i;
    }

    private void SetExplicit(int hour, int minute, int second)
    {
        if (_hour >= 0 && !_latentHour)
        {
            return;
        }
        _hour = hour;
        _minute = minute;
        _second = second;
        _ambiguous = false;
        _latentHour = false;
        _meridiemAm = false;
        _meridiemPm = false;
    }

    /// <summary>Records an hour and reads a trailing am/pm/o'clock; returns the tokens used after <paramref name="next"/>.</summary>
    private int SetTime(int hour, int minute, int second, int next, bool explicitAmbiguity)
    {
        var used = 0;
        var am = false;
        var pm = false;
        for (var guard = 0; guard < 3; guard++)
        {
            var w = W(next + used);
            if (w is "oclock" or "ish" or "sharp" or "pile")
            {
                used++;
                continue;
            }
            if (w is "am" or "a")
            {
                if (w == "a" && (W(next + used + 1).Length > 0 && W(next + used + 1) is not ("on" or "at" or "tomorrow" or "today")))
                {
                    break;
                }
                am = true;
                used++;
                break;
            }
            if (w is "pm" or "p")
            {
                pm = true;
                used++;
                break;
            }
            break;
        }
        if (_hour >= 0 && !_latentHour)
        {
            return used;
        }
        _hour = hour;
        _minute = minute;
        _second = second;
        _meridiemAm = am;
        _meridiemPm = pm;
        _latentHour = false;
        _ambiguous = !am && !pm && explicitAmbiguity && hour is >= 1 and <= 12;
        return used;
    }

    // ---------- parts of day ----------

    private int TryPartOfDay(int i)
    {
        var w = W(i);
        if (w is "apres" && W(i + 1) is "midi")
        {
            SetPart(DayPart.Afternoon, W(i - 1) is "cet" or "cette" or "this");
            return 2;
        }
        if (w is "am" or "pm")
        {
            return 0;
        }
        var part = CalendarWords.Part(w);
        if (part == DayPart.None)
        {
            return 0;
        }
        var today = W(i - 1) is "this" or "ce" or "cet" or "cette" || w is "tonight" or "tonite";
        SetPart(part, today);
        return 1;
    }

    private void SetPart(DayPart part, bool today)
    {
        if (_part == DayPart.None)
        {
            _part = part;
        }
        if (today)
        {
            SetDate(_today);
        }
    }

    // ---------- resolution ----------

    private static int ApplyMeridiem(int hour, bool pm, bool am, DayPart part)
    {
        if (pm)
        {
            return hour < 12 ? hour + 12 : hour;
        }
        if (am)
        {
            return hour == 12 ? 0 : hour;
        }
        if (hour > 12 || hour == 0)
        {
            return hour;
        }
        switch (part)
        {
            case DayPart.Afternoon:
                return hour < 12 ? hour + 12 : hour;
            case DayPart.Evening:
                return hour == 12 ? 24 : hour < 12 ? hour + 12 : hour;
            case DayPart.Night:
                return hour == 12 ? 24 : hour >= 5 ? hour + 12 : hour;
            case DayPart.Lunch:
                return hour <= 5 ? hour + 12 : hour;
            case DayPart.Morning:
                return hour == 12 ? 0 : hour;
        }
        return hour;
    }

    private int ResolveAmbiguousHour(int hour, int minute)
    {
        // hour is 1..12 with no am/pm: choose the reading inside business hours (booking sense).
        if (hour == 12)
        {
            return 12;
        }
        var am = new LocalTime(hour, minute);
        var pm = new LocalTime(hour + 12, minute);
        var dAm = DistanceToWindow(am);
        var dPm = DistanceToWindow(pm);
        if (dAm != dPm)
        {
            // inside business hours wins; otherwise the reading closer to them ("at 8" is 8 AM for a 9-5 business)
            return dAm < dPm ? hour : hour + 12;
        }
        var now = _ctx.Reference.TimeOfDay;
        var fAm = Forward(now, am);
        var fPm = Forward(now, pm);
        return fAm <= fPm ? hour : hour + 12;
    }

    private static long Forward(LocalTime from, LocalTime to)
    {
        var d = (to.TickOfDay - from.TickOfDay) % NodaConstants.TicksPerDay;
        return d < 0 ? d + NodaConstants.TicksPerDay : d;
    }

    private long DistanceToWindow(LocalTime t)
    {
        if (t >= _ctx.Opens && t < _ctx.Closes)
        {
            return 0;
        }
        return t < _ctx.Opens ? _ctx.Opens.TickOfDay - t.TickOfDay : t.TickOfDay - _ctx.Closes.TickOfDay + 1;
    }

    /// <summary>True when the only date said was a bare weekday ("Tuesday"), which may mean today if a later time was said.</summary>
    private bool IsBareWeekdayOnly => _date is null && _day < 0 && _month < 0 && _weekday != IsoDayOfWeek.None
        && _weekdayMode is WeekdayMode.Nearest && _anchoredOffset is null;

    private LocalDate? ResolveDate()
    {
        LocalDate? date = _date;
        if (date is not null && _weekOffset && _weekday != IsoDayOfWeek.None)
        {
            // "Monday two weeks from now": that week's Monday
            var monday = date.Value.DayOfWeek == IsoDayOfWeek.Monday ? date.Value : date.Value.Previous(IsoDayOfWeek.Monday);
            date = monday.PlusDays((int)_weekday - 1);
        }
        if (date is null && _month > 0 && _day > 0)
        {
            date = ResolveMonthDay(_month, _day, _year);
        }
        else if (date is null && _day > 0)
        {
            if (_monthOffset != int.MinValue)
            {
                var basis = _today.PlusMonths(_monthOffset);
                if (_day <= CalendarSystem.Iso.GetDaysInMonth(basis.Year, basis.Month))
                {
                    date = new LocalDate(basis.Year, basis.Month, _day);
                }
            }
            else if (_month > 0)
            {
                date = ResolveMonthDay(_month, _day, _year);
            }
            else
            {
                var d = _today;
                for (var k = 0; k < 800; k++)
                {
                    if (d.Day == _day && (_weekday == IsoDayOfWeek.None || d.DayOfWeek == _weekday))
                    {
                        date = d;
                        break;
                    }
                    d = d.PlusDays(1);
                }
            }
        }
        if (date is null && _weekday != IsoDayOfWeek.None)
        {
            date = ResolveWeekday();
        }
        if (_anchoredOffset is not null)
        {
            try
            {
                date = (date ?? _today).Plus(_anchoredOffset);
            }
            catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
            {
                date = null;
            }
        }
        return date;
    }

    private LocalDate? ResolveMonthDay(int month, int day, int year)
    {
        if (year > 0)
        {
            return day <= CalendarSystem.Iso.GetDaysInMonth(year, month) ? new LocalDate(year, month, day) : null;
        }
        for (var y = _today.Year; y <= _today.Year + 4; y++)
        {
            if (day > CalendarSystem.Iso.GetDaysInMonth(y, month))
            {
                continue;
            }
            var d = new LocalDate(y, month, day);
            if (d >= _today && (_weekday == IsoDayOfWeek.None || d.DayOfWeek == _weekday || y > _today.Year + 2))
            {
                return d;
            }
        }
        return null;
    }

    private DateTimeResult? Resolve()
    {
        var date = ResolveDate();
        LocalTime? time = null;
        LocalDateTime? dateTime = null;
        var hasSeconds = false;
        if (_hour >= 0)
        {
            var h = _hour;
            if (_meridiemAm || _meridiemPm || (_part != DayPart.None && h is >= 1 and <= 12))
            {
                h = ApplyMeridiem(h, _meridiemPm, _meridiemAm, _part);
            }
            else if (_ambiguous)
            {
                h = ResolveAmbiguousHour(h, _minute);
            }
            var nextDay = h >= 24;
            h %= 24;
            time = new LocalTime(h, _minute, Math.Max(0, _second));
            hasSeconds = _second >= 0;
            // "Tuesday at 3" said on Tuesday morning: the first future Tuesday 3 PM is today
            if (IsBareWeekdayOnly && _weekday == _today.DayOfWeek && _today.At(time.Value) > _ctx.Reference && !nextDay)
            {
                date = _today;
            }
            if (!nextDay && date is not null && h == 0 && _minute == 0 && date == _today && _today.At(time.Value) <= _ctx.Reference)
            {
                date = date.Value.PlusDays(1); // "midnight tonight" ends today
            }
            if (date is not null)
            {
                dateTime = date.Value.At(time.Value);
                if (nextDay && _part is DayPart.Evening or DayPart.Night)
                {
                    dateTime = dateTime.Value.PlusDays(1);
                }
            }
            else if (_instant is not null && _instant.Value.Date != _today)
            {
                dateTime = _instant.Value.Date.At(time.Value);
            }
            else
            {
                var candidate = _today.At(time.Value);
                dateTime = candidate > _ctx.Reference ? candidate : candidate.PlusDays(1);
            }
        }
        else if (_instant is not null)
        {
            dateTime = date is not null && date != _instant.Value.Date ? date.Value.At(_instant.Value.TimeOfDay) : _instant;
            date = dateTime.Value.Date;
            time = dateTime.Value.TimeOfDay;
            hasSeconds = time.Value.Second != 0;
        }
        var earliest = _earliest;
        var latest = _latest;
        if (time is null && _part != DayPart.None)
        {
            switch (_part)
            {
                case DayPart.Morning:
                    latest ??= new LocalTime(12, 0);
                    break;
                case DayPart.Lunch:
                    earliest ??= new LocalTime(11, 30);
                    latest ??= new LocalTime(13, 30);
                    break;
                case DayPart.Afternoon:
                    earliest ??= new LocalTime(12, 0);
                    latest ??= new LocalTime(17, 0);
                    break;
                case DayPart.Evening or DayPart.Night:
                    earliest ??= new LocalTime(17, 0);
                    break;
            }
        }
        if (date is null && time is null && earliest is null && latest is null)
        {
            return null;
        }
        var said = SpeechFormatter.Describe(date, time, earliest, latest, _ctx.Locale);
        return new DateTimeResult(date, time, dateTime, earliest, latest, said, hasSeconds);
    }
}
