using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>Reads behind the appointments screens: calendar set-up, a range of appointments, the filtered list, one appointment.</summary>
public sealed class AppointmentsService(IDbContextFactory<VoiceFlowDbContext> contexts, CurrentBusiness currentBusiness)
{
    private const int DefaultOpenHour = 8;
    private const int DefaultCloseHour = 18;

    public async Task<CalendarSetup?> LoadSetupAsync(CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name)
            .Select(s => new NamedOption(s.Id, s.Name)).ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.NameFr, s.Color, s.Duration }).ToListAsync(cancellationToken);
        var hours = await db.BusinessHours.AsNoTracking().Select(h => new { h.Opens, h.Closes }).ToListAsync(cancellationToken);
        var open = hours.Count == 0 ? DefaultOpenHour : hours.Min(h => h.Opens.Hour);
        var close = hours.Count == 0 ? DefaultCloseHour : hours.Max(h => h.Closes.Hour + (h.Closes.Minute > 0 ? 1 : 0));
        var french = IsFrench();
        return new CalendarSetup(business, staff,
            services.Select(s => new ServiceOption(s.Id, french && s.NameFr != null ? s.NameFr : s.Name, s.Color, (int)s.Duration.TotalMinutes)).ToList(),
            open, Math.Max(close, open + 1));
    }

    /// <summary>Appointments starting on the local days [<paramref name="from"/>, <paramref name="to"/>), cancelled ones left out.</summary>
    public async Task<IReadOnlyList<AppointmentItem>> LoadRangeAsync(BusinessSummary business, DateOnly from, DateOnly to, Guid? staffMemberId, CancellationToken cancellationToken = default)
    {
        var fromUtc = business.StartOfDayUtc(LocalDate.FromDateOnly(from));
        var toUtc = business.StartOfDayUtc(LocalDate.FromDateOnly(to));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Joined(db).Where(r => r.A.StartUtc >= fromUtc && r.A.StartUtc < toUtc && r.A.Status != AppointmentStatus.Cancelled);
        if (staffMemberId is { } staffId)
        {
            query = query.Where(r => r.A.StaffMemberId == staffId);
        }
        var rows = await query.OrderBy(r => r.A.StartUtc).Select(Projection).ToListAsync(cancellationToken);
        return rows.Select(r => ToItem(business, r)).ToList();
    }

    /// <summary>The list view: filtered, sorted and paged in the database.</summary>
    public async Task<PagedResult<AppointmentItem>> QueryAsync(AppointmentFilter filter, string? sortBy, bool descending, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return new PagedResult<AppointmentItem>([], 0);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Joined(db);
        if (filter.From is { } from)
        {
            var fromUtc = business.StartOfDayUtc(LocalDate.FromDateOnly(from));
            query = query.Where(r => r.A.StartUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = business.StartOfDayUtc(LocalDate.FromDateOnly(to).PlusDays(1));
            query = query.Where(r => r.A.StartUtc < toUtc);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.A.Status == status);
        }
        if (filter.StaffMemberId is { } staffId)
        {
            query = query.Where(r => r.A.StaffMemberId == staffId);
        }
        if (filter.ServiceId is { } serviceId)
        {
            query = query.Where(r => r.A.ServiceId == serviceId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Customer))
        {
            var text = filter.Customer.Trim();
            var pattern = LikePattern(text);
            var digits = "%" + new string(text.Where(char.IsDigit).ToArray()) + "%";
            query = digits.Length >= 5
                ? query.Where(r => EF.Functions.Like(r.C.Name.ToLower(), pattern) || EF.Functions.Like(r.C.Phone, digits))
                : query.Where(r => EF.Functions.Like(r.C.Name.ToLower(), pattern));
        }

        var total = await query.CountAsync(cancellationToken);
        query = (sortBy, descending) switch
        {
            (nameof(AppointmentItem.CustomerName), false) => query.OrderBy(r => r.C.Name).ThenBy(r => r.A.StartUtc),
            (nameof(AppointmentItem.CustomerName), true) => query.OrderByDescending(r => r.C.Name).ThenBy(r => r.A.StartUtc),
            (nameof(AppointmentItem.ServiceName), false) => query.OrderBy(r => r.S.Name).ThenBy(r => r.A.StartUtc),
            (nameof(AppointmentItem.ServiceName), true) => query.OrderByDescending(r => r.S.Name).ThenBy(r => r.A.StartUtc),
            (nameof(AppointmentItem.StaffName), false) => query.OrderBy(r => r.M.Name).ThenBy(r => r.A.StartUtc),
            (nameof(AppointmentItem.StaffName), true) => query.OrderByDescending(r => r.M.Name).ThenBy(r => r.A.StartUtc),
            (nameof(AppointmentItem.Status), false) => query.OrderBy(r => r.A.Status).ThenBy(r => r.A.StartUtc),
            (nameof(AppointmentItem.Status), true) => query.OrderByDescending(r => r.A.Status).ThenBy(r => r.A.StartUtc),
            (_, true) => query.OrderByDescending(r => r.A.StartUtc),
            _ => query.OrderBy(r => r.A.StartUtc),
        };
        var rows = await query.Skip(Math.Max(0, page) * pageSize).Take(pageSize).Select(Projection).ToListAsync(cancellationToken);
        return new PagedResult<AppointmentItem>(rows.Select(r => ToItem(business, r)).ToList(), total);
    }

    public async Task<AppointmentDetails?> GetDetailsAsync(Guid appointmentId, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Joined(db).Where(r => r.A.Id == appointmentId)
            .Select(r => new { Row = new Row(r.A.Id, r.A.CustomerId, r.C.Name, r.A.ServiceId, r.S.Name, r.S.NameFr, r.S.Color, r.A.StaffMemberId, r.M.Name, r.A.StartUtc, r.A.EndUtc, r.A.Status, r.A.Source),
                r.C.Phone, r.A.Notes, r.A.CancellationReason, r.A.CreatedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new AppointmentDetails(ToItem(business, row.Row), FormatPhone(row.Phone), row.Row.StartUtc, row.Notes, row.CancellationReason, business.ToLocal(row.CreatedUtc));
    }

    /// <summary>A case-insensitive "contains" pattern for LIKE over a lower-cased column; wildcards typed by the user are dropped.</summary>
    public static string LikePattern(string text) =>
        "%" + new string(text.Trim().ToLower(CultureInfo.InvariantCulture).Where(c => c is not ('%' or '_' or '\\')).ToArray()) + "%";

    public static string FormatPhone(string e164) => PhoneNumber.TryParse(e164, out var phone) ? phone!.ToDisplay() : e164;

    private static bool IsFrench() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Language.French[..2];

    private static IQueryable<Joint> Joined(VoiceFlowDbContext db) =>
        from a in db.Appointments.AsNoTracking()
        join c in db.Customers on a.CustomerId equals c.Id
        join s in db.Services on a.ServiceId equals s.Id
        join m in db.StaffMembers on a.StaffMemberId equals m.Id
        select new Joint { A = a, C = c, S = s, M = m };

    private static readonly System.Linq.Expressions.Expression<Func<Joint, Row>> Projection = r =>
        new Row(r.A.Id, r.A.CustomerId, r.C.Name, r.A.ServiceId, r.S.Name, r.S.NameFr, r.S.Color, r.A.StaffMemberId, r.M.Name, r.A.StartUtc, r.A.EndUtc, r.A.Status, r.A.Source);

    private static AppointmentItem ToItem(BusinessSummary business, Row r) =>
        new(r.Id, r.CustomerId, r.Customer, r.ServiceId, IsFrench() && r.ServiceFr != null ? r.ServiceFr : r.Service, r.Color, r.StaffId, r.Staff,
            business.ToLocal(r.StartUtc), business.ToLocal(r.EndUtc), r.Status, r.Source);

    /// <summary>Member-initialised (not positional) so EF Core can translate filters and sorts through it.</summary>
    private sealed class Joint
    {
        public required Appointment A { get; init; }
        public required Customer C { get; init; }
        public required Domain.Scheduling.Service S { get; init; }
        public required Domain.Scheduling.StaffMember M { get; init; }
    }

    private sealed record Row(Guid Id, Guid CustomerId, string Customer, Guid ServiceId, string Service, string? ServiceFr, string Color, Guid StaffId, string Staff,
        DateTime StartUtc, DateTime EndUtc, AppointmentStatus Status, AppointmentSource Source);
}
