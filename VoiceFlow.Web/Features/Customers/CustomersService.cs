using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Auditing;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Appointments;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Customers;

/// <summary>Customers: the searchable grid, search-as-you-type, the profile, and edits (audited).</summary>
public sealed class CustomersService(IDbContextFactory<VoiceFlowDbContext> contexts, CurrentBusiness currentBusiness, TimeProvider time)
{
    public async Task<PagedResult<CustomerRow>> QueryAsync(string? search, string? sortBy, bool descending, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return new PagedResult<CustomerRow>([], 0);
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customers = Search(db.Customers.AsNoTracking().Where(c => !c.IsErased), search);
        var total = await customers.CountAsync(cancellationToken);
        var rows = customers.Select(c => new
        {
            c.Id,
            c.Name,
            c.Phone,
            c.Language,
            c.SmsOptedOut,
            Next = db.Appointments.Where(a => a.CustomerId == c.Id && a.StartUtc >= now && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Confirmed))
                .Min(a => (DateTime?)a.StartUtc),
            LastCall = db.Calls.Where(k => k.CustomerId == c.Id).Max(k => (DateTime?)k.StartedUtc),
        });
        rows = (sortBy, descending) switch
        {
            (nameof(CustomerRow.Phone), false) => rows.OrderBy(r => r.Phone),
            (nameof(CustomerRow.Phone), true) => rows.OrderByDescending(r => r.Phone),
            (nameof(CustomerRow.NextAppointmentLocal), false) => rows.OrderBy(r => r.Next == null).ThenBy(r => r.Next).ThenBy(r => r.Name),
            (nameof(CustomerRow.NextAppointmentLocal), true) => rows.OrderBy(r => r.Next == null).ThenByDescending(r => r.Next).ThenBy(r => r.Name),
            (nameof(CustomerRow.LastCallLocal), false) => rows.OrderBy(r => r.LastCall == null).ThenBy(r => r.LastCall).ThenBy(r => r.Name),
            (nameof(CustomerRow.LastCallLocal), true) => rows.OrderBy(r => r.LastCall == null).ThenByDescending(r => r.LastCall).ThenBy(r => r.Name),
            (nameof(CustomerRow.Language), false) => rows.OrderBy(r => r.Language).ThenBy(r => r.Name),
            (nameof(CustomerRow.Language), true) => rows.OrderByDescending(r => r.Language).ThenBy(r => r.Name),
            (nameof(CustomerRow.SmsOptedOut), false) => rows.OrderBy(r => r.SmsOptedOut).ThenBy(r => r.Name),
            (nameof(CustomerRow.SmsOptedOut), true) => rows.OrderByDescending(r => r.SmsOptedOut).ThenBy(r => r.Name),
            (_, true) => rows.OrderByDescending(r => r.Name).ThenBy(r => r.Id),
            _ => rows.OrderBy(r => r.Name).ThenBy(r => r.Id),
        };
        var list = await rows.Skip(Math.Max(0, page) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<CustomerRow>(list.Select(r => new CustomerRow(r.Id, r.Name, AppointmentsService.FormatPhone(r.Phone),
            r.Next is { } next ? business.ToLocal(next) : null, r.LastCall is { } call ? business.ToLocal(call) : null, r.Language, r.SmsOptedOut)).ToList(), total);
    }

    /// <summary>Search-as-you-type over name or phone: the first <paramref name="max"/> matches by name.</summary>
    public async Task<IReadOnlyList<CustomerOption>> SearchAsync(string? text, int max = 10, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Search(db.Customers.AsNoTracking().Where(c => !c.IsErased), text)
            .OrderBy(c => c.Name).Take(max).Select(c => new { c.Id, c.Name, c.Phone }).ToListAsync(cancellationToken);
        return rows.Select(r => new CustomerOption(r.Id, r.Name, AppointmentsService.FormatPhone(r.Phone))).ToList();
    }

    public async Task<CustomerProfile?> GetProfileAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId && !c.IsErased)
            .Select(c => new { c.Id, c.Name, c.Phone, c.Email, c.Language, c.SmsOptedOut, c.Notes, c.CreatedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }
        var french = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
        var appointments = await (
                from a in db.Appointments.AsNoTracking()
                where a.CustomerId == customerId
                join s in db.Services on a.ServiceId equals s.Id
                join m in db.StaffMembers on a.StaffMemberId equals m.Id
                select new { a.Id, a.ServiceId, s.Name, s.NameFr, s.Color, a.StaffMemberId, Staff = m.Name, a.StartUtc, a.EndUtc, a.Status, a.Source })
            .Take(500).ToListAsync(cancellationToken);
        var items = appointments
            .OrderBy(a => a.StartUtc < now)                                   // upcoming first...
            .ThenBy(a => a.StartUtc < now ? DateTime.MaxValue - a.StartUtc : a.StartUtc - DateTime.MinValue) // ...soonest first, then most recent past
            .Select(a => new AppointmentItem(a.Id, customerId, customer.Name, a.ServiceId, french && a.NameFr != null ? a.NameFr : a.Name, a.Color, a.StaffMemberId, a.Staff,
                business.ToLocal(a.StartUtc), business.ToLocal(a.EndUtc), a.Status, a.Source))
            .ToList();
        var calls = await db.Calls.AsNoTracking().Where(c => c.CustomerId == customerId || c.From == customer.Phone)
            .OrderByDescending(c => c.StartedUtc).Take(100)
            .Select(c => new { c.Id, c.StartedUtc, c.DurationSeconds, c.Outcome, c.Summary }).ToListAsync(cancellationToken);
        var appointmentIds = appointments.Select(a => a.Id).ToList();
        var messages = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Kind == Domain.Messaging.OutboxKind.Sms && m.AppointmentId != null && appointmentIds.Contains(m.AppointmentId.Value))
            .OrderByDescending(m => m.CreatedUtc).Take(100)
            .Select(m => new { m.Id, m.Topic, m.Status, m.CreatedUtc, m.SentUtc, m.LastError }).ToListAsync(cancellationToken);
        return new CustomerProfile(customer.Id, customer.Name, customer.Phone, AppointmentsService.FormatPhone(customer.Phone), customer.Email, customer.Language,
            customer.SmsOptedOut, customer.Notes, business.ToLocal(customer.CreatedUtc), items,
            calls.Select(c => new CustomerCall(c.Id, business.ToLocal(c.StartedUtc), c.DurationSeconds, c.Outcome, c.Summary)).ToList(),
            messages.Select(m => new CustomerMessage(m.Id, m.Topic, m.Status, business.ToLocal(m.SentUtc ?? m.CreatedUtc), m.LastError)).ToList());
    }

    /// <summary>Saves contact details. The phone must parse to E.164 and be unused by another customer of the business.</summary>
    public async Task<CustomerSaveResult> UpdateContactAsync(Guid customerId, CustomerContact contact, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(contact.Name))
        {
            return new CustomerSaveResult(false, nameof(CustomerContact.Name), "A customer needs a name.");
        }
        if (!PhoneNumber.TryParse(contact.Phone, out var phone))
        {
            return new CustomerSaveResult(false, nameof(CustomerContact.Phone), "Enter a phone number, e.g. +1 416 555 0123.");
        }
        if (!string.IsNullOrWhiteSpace(contact.Email) && !IsEmail(contact.Email))
        {
            return new CustomerSaveResult(false, nameof(CustomerContact.Email), "Enter an email address, e.g. name@example.com.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId && !c.IsErased, cancellationToken);
        if (customer is null)
        {
            return new CustomerSaveResult(false, null, "That customer does not exist.");
        }
        if (await db.Customers.AnyAsync(c => c.Id != customerId && c.Phone == phone!.E164, cancellationToken))
        {
            return new CustomerSaveResult(false, nameof(CustomerContact.Phone), "Another customer already has this phone number.");
        }
        var before = Describe(customer);
        try
        {
            customer.Rename(contact.Name);
        }
        catch (DomainException ex)
        {
            return new CustomerSaveResult(false, nameof(CustomerContact.Name), ex.Message);
        }
        customer.ChangePhone(phone!);
        customer.ChangeEmail(contact.Email);
        customer.ChangeLanguage(contact.Language);
        if (contact.SmsOptedOut)
        {
            customer.OptOutOfSms();
        }
        else
        {
            customer.OptInToSms();
        }
        db.AuditEntries.Add(new AuditEntry(customer.BusinessId, actor, "customer.updated", nameof(Customer), customer.Id, time.GetUtcNow().UtcDateTime, before, Describe(customer)));
        await db.SaveChangesAsync(cancellationToken);
        return CustomerSaveResult.Saved;
    }

    public async Task<CustomerSaveResult> UpdateNotesAsync(Guid customerId, string? notes, string actor, CancellationToken cancellationToken = default)
    {
        if (notes is { Length: > 4000 })
        {
            return new CustomerSaveResult(false, "Notes", "Notes can have at most 4000 characters.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId && !c.IsErased, cancellationToken);
        if (customer is null)
        {
            return new CustomerSaveResult(false, null, "That customer does not exist.");
        }
        var before = JsonSerializer.Serialize(new { customer.Notes });
        customer.ChangeNotes(notes);
        db.AuditEntries.Add(new AuditEntry(customer.BusinessId, actor, "customer.notes_changed", nameof(Customer), customer.Id, time.GetUtcNow().UtcDateTime,
            before, JsonSerializer.Serialize(new { customer.Notes })));
        await db.SaveChangesAsync(cancellationToken);
        return CustomerSaveResult.Saved;
    }

    public static bool IsEmail(string text) =>
        System.Net.Mail.MailAddress.TryCreate(text.Trim(), out var address) && address.Address == text.Trim() && address.Host.Contains('.', StringComparison.Ordinal);

    private static IQueryable<Customer> Search(IQueryable<Customer> customers, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return customers;
        }
        var pattern = AppointmentsService.LikePattern(text);
        var digits = new string(text.Where(char.IsDigit).ToArray());
        var phonePattern = "%" + digits + "%";
        return digits.Length >= 3
            ? customers.Where(c => EF.Functions.Like(c.Phone, phonePattern) || EF.Functions.Like(c.Name.ToLower(), pattern))
            : customers.Where(c => EF.Functions.Like(c.Name.ToLower(), pattern));
    }

    private static string Describe(Customer c) =>
        JsonSerializer.Serialize(new { c.Name, c.Phone, c.Email, c.Language, c.SmsOptedOut });
}
