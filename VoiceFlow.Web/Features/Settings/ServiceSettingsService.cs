using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Persistence;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>The services a business offers: list, create, edit through the entity's methods, audit.</summary>
public sealed class ServiceSettingsService(IDbContextFactory<VoiceFlowDbContext> contexts, SettingsAudit audit)
{
    public async Task<List<ServiceForm>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().OrderByDescending(s => s.IsActive).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        return services.Select(ToForm).ToList();
    }

    private static ServiceForm ToForm(Service s) => new()
    {
        Id = s.Id,
        Name = s.Name,
        NameFr = s.NameFr,
        DurationMinutes = (int)s.Duration.TotalMinutes,
        Price = s.Price,
        BufferBeforeMinutes = (int)s.BufferBefore.TotalMinutes,
        BufferAfterMinutes = (int)s.BufferAfter.TotalMinutes,
        Synonyms = [.. s.Synonyms],
        Color = s.Color,
        IsActive = s.IsActive,
    };

    public async Task<SettingsResult> SaveAsync(ServiceForm form, string actorUserId, CancellationToken cancellationToken = default)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(form.Color ?? "", "^#[0-9a-fA-F]{6}$"))
        {
            return SettingsResult.Invalid("color", "service.color_invalid", "Pick a colour.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var businessId = db.CurrentBusinessId;
        var name = form.Name?.Trim() ?? "";
        if (await db.Services.AnyAsync(s => s.Name == name && s.Id != form.Id, cancellationToken))
        {
            return SettingsResult.Invalid("name", "service.name_taken", "Another service already has this name.");
        }

        Service service;
        ServiceForm? before = null;
        try
        {
            if (form.Id is { } id)
            {
                service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
                    ?? throw new DomainException("service.missing", "This service no longer exists.");
                before = ToForm(service);
                service.Rename(form.Name ?? "", form.NameFr);
                service.ChangeDuration(TimeSpan.FromMinutes(form.DurationMinutes));
                service.ChangePrice(form.Price);
            }
            else
            {
                service = new Service(businessId, form.Name ?? "", TimeSpan.FromMinutes(form.DurationMinutes), form.Price);
                service.Rename(form.Name ?? "", form.NameFr);
                db.Services.Add(service);
            }
            service.ChangeBuffers(TimeSpan.FromMinutes(form.BufferBeforeMinutes), TimeSpan.FromMinutes(form.BufferAfterMinutes));
            service.ChangeSynonyms(form.Synonyms);
            service.ChangeColor(form.Color!);
            if (form.IsActive) { service.Activate(); } else { service.Deactivate(); }
        }
        catch (DomainException ex)
        {
            return SettingsResult.Invalid(FieldOf(ex.Code), ex.Code, ex.Message);
        }

        var after = ToForm(service);
        var changes = before is null ? [new SettingsChange("new service {0}", after.Name)] : Diff(before, after);
        if (changes.Count == 0)
        {
            return SettingsResult.Saved(changes);
        }
        audit.Record(db, businessId, actorUserId, before is null ? "settings.service.created" : "settings.service.updated", "Service", service.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return SettingsResult.Saved(changes);
    }

    private static List<SettingsChange> Diff(ServiceForm b, ServiceForm a)
    {
        var changes = new List<SettingsChange>();
        void Add(bool changed, string label)
        {
            if (changed) { changes.Add(new SettingsChange(label, a.Name)); }
        }
        Add(b.Name != a.Name, "name of {0}");
        Add(b.NameFr != a.NameFr, "French name of {0}");
        Add(b.DurationMinutes != a.DurationMinutes, "duration of {0}");
        Add(b.Price != a.Price, "price of {0}");
        Add(b.BufferBeforeMinutes != a.BufferBeforeMinutes || b.BufferAfterMinutes != a.BufferAfterMinutes, "buffers of {0}");
        Add(!b.Synonyms.SequenceEqual(a.Synonyms), "synonyms of {0}");
        Add(b.Color != a.Color, "colour of {0}");
        Add(b.IsActive != a.IsActive, a.IsActive ? "{0} offered again" : "{0} no longer offered");
        return changes;
    }

    private static string FieldOf(string code) => code switch
    {
        "service.duration_invalid" => "duration",
        "service.price_invalid" => "price",
        "service.buffer_invalid" => "buffers",
        _ => "name",
    };
}
