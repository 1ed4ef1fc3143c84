using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>Reads calls for the current tenant: a filtered, sorted page for the list; one call with its transcript.</summary>
public sealed class CallQueries(IDbContextFactory<VoiceFlowDbContext> contexts, CurrentBusiness currentBusiness, TimeProvider time)
{
    public const int MaxPageSize = 100;

    public async Task<CallPage> ListAsync(CallFilter filter, int page, int pageSize, CallSort sort = CallSort.Started,
        bool descending = true, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return new CallPage([], 0);
        }
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query =
            from c in db.Calls.AsNoTracking()
            join cu in db.Customers on c.CustomerId equals cu.Id into linked
            from cu in linked.DefaultIfEmpty()
            select new { Call = c, CustomerName = cu == null ? null : cu.Name };

        if (filter.From is { } from)
        {
            var fromUtc = business.StartOfDayUtc(NodaTime.LocalDate.FromDateOnly(from));
            query = query.Where(x => x.Call.StartedUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = business.StartOfDayUtc(NodaTime.LocalDate.FromDateOnly(to).PlusDays(1));
            query = query.Where(x => x.Call.StartedUtc < toUtc);
        }
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(x => x.Call.Outcome == outcome);
        }
        if (!string.IsNullOrWhiteSpace(filter.Language))
        {
            var language = Domain.Common.Language.Normalize(filter.Language);
            query = query.Where(x => x.Call.Language == language);
        }
        if (!string.IsNullOrWhiteSpace(filter.Customer))
        {
            var text = filter.Customer.Trim().ToLowerInvariant();
            var digits = new string(text.Where(char.IsDigit).ToArray());
#pragma warning disable CA1862 // ToLower().Contains translates to SQL on every provider; the StringComparison overload does not.
            query = digits.Length >= 3
                ? query.Where(x => (x.CustomerName != null && x.CustomerName.ToLower().Contains(text)) || x.Call.From.Contains(digits))
                : query.Where(x => x.CustomerName != null && x.CustomerName.ToLower().Contains(text));
#pragma warning restore CA1862
        }
        if (filter.LiveOnly)
        {
            // Bounded by the start, like the dashboard's live calls: the (BusinessId, StartedUtc) index serves it, and
            // "EndedUtc" has no index, so that the end of a call is a HOT update.
            var liveSince = time.GetUtcNow().UtcDateTime - Domain.Calls.Call.LiveWindow;
            query = query.Where(x => x.Call.EndedUtc == null && x.Call.StartedUtc > liveSince);
        }

        var total = await query.CountAsync(cancellationToken);
        query = (sort, descending) switch
        {
            (CallSort.Duration, false) => query.OrderBy(x => x.Call.DurationSeconds).ThenByDescending(x => x.Call.StartedUtc),
            (CallSort.Duration, true) => query.OrderByDescending(x => x.Call.DurationSeconds).ThenByDescending(x => x.Call.StartedUtc),
            (CallSort.Outcome, false) => query.OrderBy(x => x.Call.Outcome).ThenByDescending(x => x.Call.StartedUtc),
            (CallSort.Outcome, true) => query.OrderByDescending(x => x.Call.Outcome).ThenByDescending(x => x.Call.StartedUtc),
            (CallSort.Language, false) => query.OrderBy(x => x.Call.Language).ThenByDescending(x => x.Call.StartedUtc),
            (CallSort.Language, true) => query.OrderByDescending(x => x.Call.Language).ThenByDescending(x => x.Call.StartedUtc),
            (_, false) => query.OrderBy(x => x.Call.StartedUtc),
            _ => query.OrderByDescending(x => x.Call.StartedUtc),
        };
        var rows = await query.Skip(page * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.Call.Id, x.Call.StartedUtc, x.Call.From, x.CustomerName, x.Call.CustomerId, x.Call.DurationSeconds,
                x.Call.Language, x.Call.Outcome, x.Call.AppointmentId, x.Call.IsTest, x.Call.EndedUtc,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new CallListItem(r.Id, business.ToLocal(r.StartedUtc), business.ZoneAbbreviation(r.StartedUtc),
                FormatPhone(r.From), r.CustomerName, r.CustomerId, r.DurationSeconds, r.Language, r.Outcome, r.AppointmentId,
                r.IsTest, r.EndedUtc is null))
            .ToList();
        return new CallPage(items, total);
    }

    public async Task<CallDetail?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (call is null)
        {
            return null;
        }
        var customerName = call.CustomerId is null
            ? null
            : await db.Customers.AsNoTracking().Where(c => c.Id == call.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);

        CallBooking? booking = null;
        if (call.AppointmentId is { } appointmentId)
        {
            var french = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
            var row = await (
                    from a in db.Appointments.AsNoTracking()
                    where a.Id == appointmentId
                    join s in db.Services on a.ServiceId equals s.Id
                    join m in db.StaffMembers on a.StaffMemberId equals m.Id
                    select new { a.Id, a.StartUtc, a.Status, s.Name, s.NameFr, Staff = m.Name })
                .FirstOrDefaultAsync(cancellationToken);
            if (row is not null)
            {
                booking = new CallBooking(row.Id, french && row.NameFr != null ? row.NameFr : row.Name, row.Staff,
                    business.ToLocal(row.StartUtc), row.Status.ToString());
            }
        }

        var turns = await db.CallTurns.AsNoTracking()
            .Where(t => t.CallId == id)
            .OrderBy(t => t.Sequence)
            .Select(t => new { t.Sequence, t.Speaker, t.Text, t.AtUtc, t.Confidence, t.LatencyMs })
            .ToListAsync(cancellationToken);
        var transcript = turns
            .Select(t => new TranscriptLine(t.Sequence, t.Speaker, t.Text, t.AtUtc < call.StartedUtc ? TimeSpan.Zero : t.AtUtc - call.StartedUtc, t.Confidence, t.LatencyMs))
            .ToList();

        return new CallDetail(call.Id, FormatPhone(call.From), customerName, call.CustomerId, business.ToLocal(call.StartedUtc),
            business.ZoneAbbreviation(call.StartedUtc), call.DurationSeconds, call.Language, call.Outcome, call.Summary,
            call.RecordingUrl, call.FailureReason, call.IsTest, call.IsLive, booking, transcript);
    }

    /// <summary>(416) 555-0123 for a parsable number; the raw text otherwise ("anonymous", "redacted").</summary>
    public static string FormatPhone(string raw) =>
        PhoneNumber.TryParse(raw, out var number) && number is not null ? number.ToDisplay() : raw;
}
