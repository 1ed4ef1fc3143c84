using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Domain.Businesses;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Infrastructure.Tenancy;

namespace VoiceFlow.Web.Features.Demo;

/// <summary>
/// Seeds the demo dental clinic on first start: Toronto time, Cleaning and Checkup, two staff,
/// Monday to Friday 9:00-17:00, an owner and a staff account, and a week of sample activity.
/// </summary>
public sealed class DemoSeeder(
    DatabaseOptionsHolder database,
    CurrentTenant tenant,
    UserManager<ApplicationUser> users,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string BusinessName = "Maple Dental Clinic";
    public const string StaffEmail = "staff@demo.voiceflow.local";

    public async Task<Guid> SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        var phone = PhoneNumber.Parse(demo.PhoneNumber).E164;
        await using var db = database.Create(tenant: null);

        var existing = await db.BusinessPhoneNumbers.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Number == phone, cancellationToken);
        if (existing is not null)
        {
            tenant.Set(existing.BusinessId);
            await EnsureUsersAsync(existing.BusinessId, demo);
            return existing.BusinessId;
        }

        var business = new Business(BusinessName, "America/Toronto", Language.English);
        business.AddPhoneNumber(phone);
        business.ChangeContact("+14165550199", "123 Queen Street West, Toronto, ON M5H 2M9");
        db.Businesses.Add(business);

        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            db.BusinessHours.Add(new BusinessHours(business.Id, new WeeklyHours(day, new TimeOnly(9, 0), new TimeOnly(17, 0))));
        }

        var cleaning = new Service(business.Id, "Cleaning", TimeSpan.FromMinutes(60), 140m);
        cleaning.Rename("Cleaning", "Nettoyage");
        cleaning.ChangeSynonyms(["teeth cleaning", "hygiene", "scale and polish", "nettoyage", "détartrage"]);
        cleaning.ChangeColor("#2e7d6f");
        var checkup = new Service(business.Id, "Checkup", TimeSpan.FromMinutes(30), 95m);
        checkup.Rename("Checkup", "Examen");
        checkup.ChangeSynonyms(["check-up", "exam", "examination", "check up", "examen", "bilan"]);
        checkup.ChangeColor("#3f6ad8");
        var whitening = new Service(business.Id, "Whitening", TimeSpan.FromMinutes(90), 350m);
        whitening.Rename("Whitening", "Blanchiment");
        whitening.ChangeSynonyms(["teeth whitening", "bleaching", "blanchiment"]);
        whitening.ChangeBuffers(TimeSpan.Zero, TimeSpan.FromMinutes(15));
        whitening.ChangeColor("#b26a00");
        db.Services.AddRange(cleaning, checkup, whitening);

        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var chen = new StaffMember(business.Id, "Dr. Sarah Chen");
        chen.SetWorkingHours(weekdays.SelectMany(d => new[]
        {
            new WeeklyHours(d, new TimeOnly(9, 0), new TimeOnly(12, 0)),
            new WeeklyHours(d, new TimeOnly(13, 0), new TimeOnly(17, 0)),
        }));
        var gagnon = new StaffMember(business.Id, "Julie Gagnon (hygienist)");
        gagnon.ChangeServices([cleaning.Id, whitening.Id]);
        gagnon.SetWorkingHours(weekdays.Select(d => new WeeklyHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0))));
        db.StaffMembers.AddRange(chen, gagnon);

        SeedSampleActivity(db, business, [cleaning, checkup], [chen, gagnon]);
        await db.SaveChangesAsync(cancellationToken);

        tenant.Set(business.Id);
        await EnsureUsersAsync(business.Id, demo);
        logger.LogInformation("Seeded the demo business {Name} answering {Phone}", business.Name, phone);
        return business.Id;
    }

    private async Task EnsureUsersAsync(Guid businessId, DemoOptions demo)
    {
        await EnsureUserAsync(businessId, demo.AdminEmail, demo.AdminPassword, "Olivia Owner", Roles.Owner);
        await EnsureUserAsync(businessId, StaffEmail, demo.AdminPassword, "Sam Staff", Roles.Staff);
        // The demo's admin account is also the platform administrator, so the admin page can be seen in the demo.
        if (await users.FindByEmailAsync(demo.AdminEmail) is { } admin && !await users.IsInRoleAsync(admin, Roles.PlatformAdmin))
        {
            await users.AddToRoleAsync(admin, Roles.PlatformAdmin);
        }
    }

    private async Task EnsureUserAsync(Guid businessId, string email, string password, string name, string role)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, BusinessId = businessId, DisplayName = name };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the demo user {email}: " +
                string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, role);
        // The shipped demo password is public (README); a password set through configuration is never logged.
        var shown = password == new DemoOptions().AdminPassword ? password : "(as configured)";
        logger.LogInformation("Demo {Role} account: {Email} / {Password}", role, email, shown);
    }

    private void SeedSampleActivity(VoiceFlowDbContext db, Business business, Service[] services, StaffMember[] staff)
    {
        var zone = DateTimeZoneProviders.Tzdb[business.TimeZoneId];
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var today = Instant.FromDateTimeUtc(nowUtc).InZone(zone).Date;
        string[] names =
        [
            "Marie Tremblay", "Jean Gagnon", "Emily Wilson", "Liam Roy", "Chloé Côté", "Noah Bouchard",
            "Olivia Martin", "William Lavoie", "Sophie Morin", "Ethan Fortin", "Léa Gauthier", "Lucas Pelletier",
        ];
        var customers = names.Select((n, i) => new Customer(business.Id, n,
            PhoneNumber.Parse($"+1416555{(1000 + (i * 37)):D4}"), i % 3 == 1 ? Language.French : Language.English,
            nowUtc.AddDays(-60 + i))).ToList();
        db.Customers.AddRange(customers);

        // Two appointments a day per staff member over the two weeks around today, on working days only.
        var index = 0;
        for (var offset = -7; offset <= 7; offset++)
        {
            var day = today.PlusDays(offset);
            if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                continue;
            }
            foreach (var (member, hours) in new[] { (staff[0], new[] { 9, 14 }), (staff[1], new[] { 10, 15 }) })
            {
                foreach (var hour in hours)
                {
                    var service = member == staff[1] ? services[0] : services[(index + hour) % 2];
                    var startUtc = day.At(new LocalTime(hour, (index % 2) * 30)).InZoneLeniently(zone).ToDateTimeUtc();
                    var customer = customers[index++ % customers.Count];
                    var createdAt = offset < 0 ? startUtc.AddDays(-3) : nowUtc.AddDays(-1 - (index % 5));
                    var appointment = Appointment.Book(business.Id, customer.Id, service.Id, member.Id, startUtc,
                        startUtc + service.Duration, index % 3 == 0 ? AppointmentSource.Phone : AppointmentSource.Portal,
                        createdAt < startUtc ? createdAt : startUtc.AddDays(-1));
                    if (startUtc < nowUtc)
                    {
                        if (index % 9 == 0)
                        {
                            appointment.MarkNoShow(nowUtc);
                        }
                        else
                        {
                            appointment.Complete(nowUtc);
                        }
                    }
                    db.Appointments.Add(appointment);
                }
            }
        }

        // A finished phone call with its transcript, so the Calls page has something to show.
        var callStart = nowUtc.AddHours(-2);
        var call = new Call(business.Id, "CA" + Guid.NewGuid().ToString("N"), customers[0].Phone, business.PhoneNumbers.First().Number, Language.English, callStart);
        call.LinkCustomer(customers[0].Id);
        db.Calls.Add(call);
        (Speaker Who, string Text, double? Confidence)[] script =
        [
            (Speaker.Agent, "Hi Marie, thanks for calling Maple Dental Clinic. How can I help?", null),
            (Speaker.Caller, "what time do you close on friday", 0.91),
            (Speaker.Agent, "On Friday we're open from 9 AM to 5 PM. Anything else?", null),
            (Speaker.Caller, "no that's it thanks", 0.88),
            (Speaker.Agent, "Thanks for calling. Goodbye.", null),
        ];
        var at = callStart;
        foreach (var (who, text, confidence) in script)
        {
            at = at.AddSeconds(6);
            db.CallTurns.Add(call.AddTurn(who, text, confidence, at, who == Speaker.Agent ? 180 : null));
        }
        call.RecordOutcome(CallOutcome.Information, "Asked for Friday's opening hours.");
        call.End(at.AddSeconds(3), 33, "completed");
    }
}
