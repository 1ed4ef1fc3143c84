using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>Business profile, phone numbers, greetings and reminder policy: load, apply through the entity, save, audit.</summary>
public sealed class BusinessSettingsService(IDbContextFactory<VoiceFlowDbContext> contexts, CurrentBusiness currentBusiness, SettingsAudit audit)
{
    public async Task<BusinessSettingsForm?> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var business = await db.Businesses.AsNoTracking().Include(b => b.PhoneNumbers).FirstOrDefaultAsync(cancellationToken);
        return business is null ? null : ToForm(business);
    }

    private static BusinessSettingsForm ToForm(Business b) => new()
    {
        Name = b.Name,
        TimeZoneId = b.TimeZoneId,
        DefaultLanguage = b.DefaultLanguage,
        Address = b.Address,
        TransferNumber = b.TransferNumber,
        PhoneNumbers = b.PhoneNumbers.Select(p => p.Number).Order(StringComparer.Ordinal).ToList(),
        GreetingEn = b.GreetingEn,
        GreetingFr = b.GreetingFr,
        RemindersEnabled = b.Reminders.Enabled,
        FirstReminderHours = b.Reminders.FirstReminderHours,
        SecondReminderHours = b.Reminders.SecondReminderHours,
        QuietHoursStart = b.Reminders.QuietHoursStart,
        QuietHoursEnd = b.Reminders.QuietHoursEnd,
        RetentionDays = b.RetentionDays,
    };

    /// <summary>Name, time zone, language, address, transfer number and the numbers answered.</summary>
    public async Task<SettingsResult> SaveProfileAsync(BusinessSettingsForm form, string actorUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var business = await db.Businesses.Include(b => b.PhoneNumbers).FirstOrDefaultAsync(cancellationToken);
        if (business is null)
        {
            return SettingsResult.Invalid("name", "business.missing", "Your business could not be found.");
        }
        var before = ToForm(business);

        if (form.RetentionDays is < 1 or > 3650)
        {
            return SettingsResult.Invalid("retentionDays", "business.retention_invalid", "Keep transcripts between 1 and 3650 days, or leave empty to keep them.");
        }
        string? transfer = null;
        if (!string.IsNullOrWhiteSpace(form.TransferNumber))
        {
            if (!PhoneNumber.TryParse(form.TransferNumber, out var parsed) || parsed is null)
            {
                return SettingsResult.Invalid("transferNumber", "phone.invalid", "Enter a phone number such as +1 416 555 0123.");
            }
            transfer = parsed.E164;
        }
        var numbers = new List<string>();
        foreach (var raw in form.PhoneNumbers.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            if (!PhoneNumber.TryParse(raw, out var parsed) || parsed is null)
            {
                return SettingsResult.Invalid("phoneNumbers", "phone.invalid", $"'{raw}' is not a phone number.");
            }
            if (!numbers.Contains(parsed.E164))
            {
                numbers.Add(parsed.E164);
            }
        }
        var taken = await db.BusinessPhoneNumbers.IgnoreQueryFilters()
            .Where(p => numbers.Contains(p.Number) && p.BusinessId != business.Id)
            .Select(p => p.Number).FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            return SettingsResult.Invalid("phoneNumbers", "phone.taken", $"{taken} is already answered by another business.");
        }

        try
        {
            business.Rename(form.Name);
            business.ChangeTimeZone(form.TimeZoneId);
            business.ChangeDefaultLanguage(form.DefaultLanguage);
            business.ChangeContact(transfer, form.Address);
            business.ChangeRetention(form.RetentionDays);
            foreach (var removed in before.PhoneNumbers.Except(numbers).ToList())
            {
                business.RemovePhoneNumber(removed);
            }
            foreach (var added in numbers.Except(before.PhoneNumbers))
            {
                business.AddPhoneNumber(added);
            }
        }
        catch (DomainException ex)
        {
            return SettingsResult.Invalid(FieldOf(ex.Code), ex.Code, ex.Message);
        }

        var after = ToForm(business);
        var changes = new List<SettingsChange>();
        if (before.Name != after.Name) { changes.Add(new("setting: business name")); }
        if (before.TimeZoneId != after.TimeZoneId) { changes.Add(new("setting: time zone")); }
        if (before.DefaultLanguage != after.DefaultLanguage) { changes.Add(new("setting: default language")); }
        if (before.Address != after.Address) { changes.Add(new("setting: address")); }
        if (before.TransferNumber != after.TransferNumber) { changes.Add(new("setting: transfer number")); }
        if (!before.PhoneNumbers.SequenceEqual(after.PhoneNumbers)) { changes.Add(new("setting: phone numbers answered")); }
        if (before.RetentionDays != after.RetentionDays) { changes.Add(new("transcript retention")); }
        return await SaveAsync(db, business.Id, actorUserId, "settings.business.updated", before, after, changes, cancellationToken);
    }

    public async Task<SettingsResult> SaveGreetingsAsync(BusinessSettingsForm form, string actorUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var business = await db.Businesses.FirstOrDefaultAsync(cancellationToken);
        if (business is null)
        {
            return SettingsResult.Invalid("greetingEn", "business.missing", "Your business could not be found.");
        }
        foreach (var (field, text) in new[] { ("greetingEn", form.GreetingEn), ("greetingFr", form.GreetingFr) })
        {
            if (text is { Length: > 500 })
            {
                return SettingsResult.Invalid(field, "greeting.too_long", "A greeting is at most 500 characters.");
            }
        }
        var before = new { business.GreetingEn, business.GreetingFr };
        business.ChangeGreetings(form.GreetingEn, form.GreetingFr);
        var after = new { business.GreetingEn, business.GreetingFr };
        var changes = new List<SettingsChange>();
        if (before.GreetingEn != after.GreetingEn) { changes.Add(new("English greeting")); }
        if (before.GreetingFr != after.GreetingFr) { changes.Add(new("French greeting")); }
        return await SaveAsync(db, business.Id, actorUserId, "settings.greetings.updated", before, after, changes, cancellationToken);
    }

    public async Task<SettingsResult> SaveRemindersAsync(BusinessSettingsForm form, string actorUserId, CancellationToken cancellationToken = default)
    {
        if (form.FirstReminderHours is < 1 or > 168)
        {
            return SettingsResult.Invalid("firstReminderHours", "reminders.first_invalid", "The first reminder goes out between 1 and 168 hours before.");
        }
        if (form.SecondReminderHours is { } second && (second < 1 || second >= form.FirstReminderHours))
        {
            return SettingsResult.Invalid("secondReminderHours", "reminders.second_invalid", "The second reminder comes after the first: fewer hours before the appointment.");
        }
        if (form.QuietHoursStart is null || form.QuietHoursEnd is null)
        {
            return SettingsResult.Invalid("quietHours", "reminders.quiet_required", "Choose when quiet hours start and end.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var business = await db.Businesses.FirstOrDefaultAsync(cancellationToken);
        if (business is null)
        {
            return SettingsResult.Invalid("firstReminderHours", "business.missing", "Your business could not be found.");
        }
        var before = business.Reminders;
        var policy = new ReminderPolicy(form.RemindersEnabled, form.FirstReminderHours, form.SecondReminderHours,
            form.QuietHoursStart.Value, form.QuietHoursEnd.Value);
        business.ChangeReminderPolicy(policy);
        var changes = new List<SettingsChange>();
        if (before.Enabled != policy.Enabled) { changes.Add(new(policy.Enabled ? "reminders turned on" : "reminders turned off")); }
        if (before.FirstReminderHours != policy.FirstReminderHours) { changes.Add(new("first reminder")); }
        if (before.SecondReminderHours != policy.SecondReminderHours) { changes.Add(new("second reminder")); }
        if (before.QuietHoursStart != policy.QuietHoursStart || before.QuietHoursEnd != policy.QuietHoursEnd) { changes.Add(new("setting: quiet hours")); }
        return await SaveAsync(db, business.Id, actorUserId, "settings.reminders.updated", before, policy, changes, cancellationToken);
    }

    private async Task<SettingsResult> SaveAsync(VoiceFlowDbContext db, Guid businessId, string actorUserId, string action, object before, object after,
        List<SettingsChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return SettingsResult.Saved(changes);
        }
        audit.Record(db, businessId, actorUserId, action, "Business", businessId, before, after);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on phone numbers lost a race with another business.
            return SettingsResult.Invalid("phoneNumbers", "phone.taken", "One of these numbers is already answered by another business.");
        }
        currentBusiness.Invalidate();
        return SettingsResult.Saved(changes);
    }

    private static string FieldOf(string code) => code switch
    {
        "business.name_required" => "name",
        "business.time_zone_unknown" => "timeZoneId",
        "phone.invalid" => "phoneNumbers",
        _ => "name",
    };
}
