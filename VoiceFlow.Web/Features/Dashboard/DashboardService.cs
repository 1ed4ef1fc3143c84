using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Calendar;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Messaging;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Sessions;
using VoiceFlow.Web.Features.Calls;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Dashboard;

/// <summary>Loads the dashboard for the current tenant: KPIs, today's schedule, live calls, what needs attention.</summary>
public sealed class DashboardService(IDbContextFactory<VoiceFlowDbContext> contexts, CurrentBusiness currentBusiness, ICallSessionStore sessions, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<DashboardData?> LoadAsync(CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var today = business.Today(time);
        var dayStart = business.StartOfDayUtc(today);
        var dayEnd = business.StartOfDayUtc(today.PlusDays(1));
        var weekStart = business.StartOfDayUtc(today.PlusDays(-((int)today.DayOfWeek - 1)));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var todays = await (
                from a in db.Appointments.AsNoTracking()
                where a.StartUtc >= dayStart && a.StartUtc < dayEnd && a.Status != AppointmentStatus.Cancelled
                join c in db.Customers on a.CustomerId equals c.Id
                join s in db.Services on a.ServiceId equals s.Id
                orderby a.StartUtc
                select new { a.Id, a.StaffMemberId, a.StartUtc, a.EndUtc, a.Source, a.Status, Customer = c.Name, Service = s.Name, ServiceFr = s.NameFr, s.Color })
            .ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);

        var callsToday = await db.Calls.CountAsync(c => c.StartedUtc >= dayStart && c.StartedUtc < dayEnd && !c.IsTest, cancellationToken);
        var bookedByPhone = await db.Appointments.CountAsync(a => a.CreatedUtc >= dayStart && a.CreatedUtc < dayEnd && a.Source == AppointmentSource.Phone, cancellationToken);
        var noShows = await db.Appointments.CountAsync(a => a.StartUtc >= weekStart && a.StartUtc < dayEnd && a.Status == AppointmentStatus.NoShow, cancellationToken);

        var liveSince = nowUtc - Call.LiveWindow;
        var liveRows = await db.Calls.AsNoTracking()
            .Where(c => c.EndedUtc == null && c.StartedUtc > liveSince)
            .OrderBy(c => c.StartedUtc)
            .Select(c => new
            {
                c.Id, c.CallSid, c.From, c.StartedUtc, c.IsTest,
                LastHeard = db.CallTurns.Where(t => t.CallId == c.Id && t.Speaker == Speaker.Caller).OrderByDescending(t => t.Sequence).Select(t => t.Text).FirstOrDefault(),
            })
            .Take(20)
            .ToListAsync(cancellationToken);
        var live = new List<LiveCall>(liveRows.Count);
        foreach (var row in liveRows)
        {
            // The conversation's step lives in the session store with the rest of the live state.
            var json = await sessions.GetAsync(row.CallSid, cancellationToken);
            var step = json is null ? null : JsonSerializer.Deserialize<CallSession>(json, Json)?.Step;
            live.Add(new LiveCall(row.Id, row.From, step, row.LastHeard, row.StartedUtc, row.IsTest));
        }

        var attention = new List<AttentionItem>();
        var recentSince = nowUtc.AddDays(-7);
        var voicemails = await db.Calls.AsNoTracking()
            .Where(c => c.Outcome == CallOutcome.Voicemail && c.StartedUtc > recentSince)
            .OrderByDescending(c => c.StartedUtc).Take(5)
            .Select(c => new { c.Id, c.From, c.StartedUtc }).ToListAsync(cancellationToken);
        attention.AddRange(voicemails.Select(v => new AttentionItem("voicemail", "Voicemail", v.From, $"/calls/{v.Id}", v.StartedUtc)));
        var failedSms = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == OutboxKind.Sms && m.Status == OutboxStatus.Failed && m.CreatedUtc > recentSince)
            .OrderByDescending(m => m.CreatedUtc).Take(5)
            .Select(m => new { m.Id, m.LastError, m.CreatedUtc, m.AppointmentId }).ToListAsync(cancellationToken);
        attention.AddRange(failedSms.Select(m => new AttentionItem("sms", "SMS not delivered", m.LastError ?? "", m.AppointmentId is null ? "/appointments" : $"/appointments?id={m.AppointmentId}", m.CreatedUtc)));
        var replies = await db.InboundMessages.AsNoTracking()
            .Where(m => m.NeedsAttention && m.HandledUtc == null && m.ReceivedUtc > recentSince)
            .OrderByDescending(m => m.ReceivedUtc).Take(5)
            .Select(m => new { m.From, m.Body, m.ReceivedUtc, m.CustomerId }).ToListAsync(cancellationToken);
        attention.AddRange(replies.Select(r => new AttentionItem("reply", "Reply to read",
            $"{r.From}: {(r.Body.Length > 80 ? r.Body[..80] + "…" : r.Body)}", r.CustomerId is null ? "/customers" : $"/customers/{r.CustomerId}", r.ReceivedUtc)));
        var calendars = await db.CalendarConnections.AsNoTracking()
            .Where(c => c.Status == CalendarConnectionStatus.NeedsReconnection)
            .Select(c => new { c.AccountEmail, c.ConnectedUtc }).ToListAsync(cancellationToken);
        attention.AddRange(calendars.Select(c => new AttentionItem("calendar", "Calendar needs reconnecting", c.AccountEmail, "/settings?tab=calendar", c.ConnectedUtc)));

        var french = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        var schedule = staff.Select(s => new StaffSchedule(s.Id, s.Name, todays.Where(a => a.StaffMemberId == s.Id)
                .Select(a => new ScheduleItem(a.Id, business.ToLocal(a.StartUtc), business.ToLocal(a.EndUtc), a.Customer, french && a.ServiceFr != null ? a.ServiceFr : a.Service, a.Color, a.Status.ToString()))
                .ToList()))
            .ToList();
        return new DashboardData(today.ToDateOnly(), todays.Count, callsToday, bookedByPhone, noShows, schedule, live,
            attention.OrderByDescending(a => a.AtUtc).ToList());
    }
}
