using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Settings;

/// <summary>
/// The business's portal users: list, invite (with a temporary password, there is no email), change role,
/// deactivate and reactivate. A UserManager per operation, so a long-lived circuit never holds stale users.
/// </summary>
public sealed class UserSettingsService(IServiceScopeFactory scopes, CurrentBusiness currentBusiness, SettingsAudit audit)
{
    /// <summary>Roles an owner may give in the portal. PlatformAdmin is granted by the platform, not here.</summary>
    public static IReadOnlyList<string> AssignableRoles { get; } = [Roles.Owner, Roles.Staff];

    public async Task<List<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.VoiceFlowDbContext>();
        var rows = await users.Users.AsNoTracking().Where(u => u.BusinessId == business.Id)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.IsActive,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UserRow(r.Id, r.Email ?? "", r.DisplayName, PrimaryRole(r.Roles), r.IsActive)).ToList();
    }

    private static string PrimaryRole(IEnumerable<string?> roles)
    {
        var list = roles.ToList();
        return list.Contains(Roles.PlatformAdmin) ? Roles.PlatformAdmin : list.Contains(Roles.Owner) ? Roles.Owner : Roles.Staff;
    }

    public async Task<InviteResult> InviteAsync(InviteForm form, string actorUserId, CancellationToken cancellationToken = default)
    {
        var email = form.Email?.Trim() ?? "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || !email.Contains('@', StringComparison.Ordinal))
        {
            return new InviteResult(SettingsResult.Invalid("email", "user.email_invalid", "Enter an email address such as sam@clinic.ca."));
        }
        if (string.IsNullOrWhiteSpace(form.DisplayName))
        {
            return new InviteResult(SettingsResult.Invalid("displayName", "user.name_required", "Enter the person's name."));
        }
        if (!AssignableRoles.Contains(form.Role))
        {
            return new InviteResult(SettingsResult.Invalid("role", "user.role_invalid", "Choose Owner or Staff."));
        }
        var business = await currentBusiness.GetAsync(cancellationToken);
        if (business is null)
        {
            return new InviteResult(SettingsResult.Invalid("email", "business.missing", "Your business could not be found."));
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return new InviteResult(SettingsResult.Invalid("email", "user.email_taken", "Someone already signs in with this email."));
        }
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            BusinessId = business.Id,
            DisplayName = form.DisplayName.Trim(),
            PreferredLanguage = business.DefaultLanguage,
        };
        var password = NewTemporaryPassword();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new InviteResult(SettingsResult.Invalid("email", "user.create_failed", string.Join(" ", created.Errors.Select(e => e.Description))));
        }
        await users.AddToRoleAsync(user, form.Role);

        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.VoiceFlowDbContext>();
        audit.Record(db, business.Id, actorUserId, "user.invited", "User", Guid.TryParse(user.Id, out var id) ? id : null, null,
            new { user.Email, user.DisplayName, form.Role });
        await db.SaveChangesAsync(cancellationToken);
        return new InviteResult(SettingsResult.Saved([new SettingsChange("{0} invited", user.DisplayName)]), user.Id, password);
    }

    public async Task<SettingsResult> ChangeRoleAsync(string userId, string role, string actorUserId, CancellationToken cancellationToken = default)
    {
        if (!AssignableRoles.Contains(role))
        {
            return SettingsResult.Invalid("role", "user.role_invalid", "Choose Owner or Staff.");
        }
        if (userId == actorUserId)
        {
            return SettingsResult.Invalid("role", "user.own_role", "You cannot change your own role. Ask another owner.");
        }
        return await WithUserAsync(userId, async (users, user, businessId, db) =>
        {
            var current = await users.GetRolesAsync(user);
            if (current.Contains(Roles.PlatformAdmin))
            {
                return SettingsResult.Invalid("role", "user.platform_admin", "A platform administrator's role is managed by the platform.");
            }
            var before = PrimaryRole(current);
            if (before == role)
            {
                return SettingsResult.Saved([]);
            }
            await users.RemoveFromRolesAsync(user, current.Where(r => r != role));
            await users.AddToRoleAsync(user, role);
            await users.UpdateSecurityStampAsync(user);
            audit.Record(db, businessId, actorUserId, "user.role_changed", "User", Guid.TryParse(user.Id, out var id) ? id : null,
                new { Role = before }, new { Role = role });
            await db.SaveChangesAsync(cancellationToken);
            return SettingsResult.Saved([new SettingsChange("setting: role of {0}", user.DisplayName)]);
        }, cancellationToken);
    }

    public async Task<SettingsResult> SetActiveAsync(string userId, bool active, string actorUserId, CancellationToken cancellationToken = default)
    {
        if (!active && userId == actorUserId)
        {
            return SettingsResult.Invalid("active", "user.deactivate_self", "You cannot deactivate yourself.");
        }
        return await WithUserAsync(userId, async (users, user, businessId, db) =>
        {
            if (user.IsActive == active)
            {
                return SettingsResult.Saved([]);
            }
            user.IsActive = active;
            await users.UpdateAsync(user);
            // A new stamp ends the deactivated user's open sessions at the next revalidation.
            await users.UpdateSecurityStampAsync(user);
            audit.Record(db, businessId, actorUserId, active ? "user.reactivated" : "user.deactivated", "User",
                Guid.TryParse(user.Id, out var id) ? id : null, new { IsActive = !active }, new { IsActive = active });
            await db.SaveChangesAsync(cancellationToken);
            return SettingsResult.Saved([new SettingsChange(active ? "{0} reactivated" : "{0} deactivated", user.DisplayName)]);
        }, cancellationToken);
    }

    private async Task<SettingsResult> WithUserAsync(string userId,
        Func<UserManager<ApplicationUser>, ApplicationUser, Guid, Infrastructure.Persistence.VoiceFlowDbContext, Task<SettingsResult>> action,
        CancellationToken cancellationToken)
    {
        var business = await currentBusiness.GetAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        // Another business's user is treated as missing: no one sees another tenant's people.
        if (business is null || user is null || user.BusinessId != business.Id)
        {
            return SettingsResult.Invalid("user", "user.missing", "This user no longer exists.");
        }
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.VoiceFlowDbContext>();
        return await action(users, user, business.Id, db);
    }

    /// <summary>12 characters: upper, lower and digits, without look-alikes (0/O, 1/l/I).</summary>
    public static string NewTemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        var chars = RandomNumberGenerator.GetItems<char>(upper, 4)
            .Concat(RandomNumberGenerator.GetItems<char>(lower, 5))
            .Concat(RandomNumberGenerator.GetItems<char>(digits, 3))
            .ToArray();
        RandomNumberGenerator.Shuffle<char>(chars);
        return new string(chars);
    }
}
