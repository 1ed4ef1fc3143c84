using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VoiceFlow.Domain.Common;
using VoiceFlow.Domain.Integrations;
using VoiceFlow.Infrastructure.Persistence;
using VoiceFlow.Web.Features.Settings;

namespace VoiceFlow.Web.Features.ApiKeys;

/// <summary>
/// A business's API keys: create (the secret is returned once; only its SHA-256 hash is stored), list, revoke (both audited),
/// and check a presented key. A key reads "vf_" + 12 public characters (the prefix) + "_" + 43 secret characters.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<VoiceFlowDbContext> contexts, DatabaseOptionsHolder database, SettingsAudit audit, TimeProvider time)
{
    public const string KeyStart = "vf_";
    private const int PrefixRandomLength = 12;
    private const int MaxKeyLength = 128;
    /// <summary>Last-used times are written at most this often per key: a busy integration must not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedUtc != null).ThenByDescending(k => k.CreatedUtc).ToListAsync(cancellationToken);
        return keys.Select(ToRow).ToList();
    }

    public async Task<ApiKeyCreated> CreateAsync(string? name, string actorUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var businessId = db.CurrentBusinessId;
        if (businessId == Guid.Empty)
        {
            return new ApiKeyCreated(null, null, "No business is selected.");
        }
        var prefix = KeyStart + RandomText(PrefixRandomLength);
        var secret = prefix + "_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        ApiKey key;
        try
        {
            key = new ApiKey(businessId, name ?? "", prefix, Hash(secret), "user:" + actorUserId, time.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            return new ApiKeyCreated(null, null, ex.Message);
        }
        db.ApiKeys.Add(key);
        audit.Record(db, businessId, actorUserId, "apikey.created", nameof(ApiKey), key.Id, null, new { key.Name, key.Prefix });
        await db.SaveChangesAsync(cancellationToken);
        return new ApiKeyCreated(ToRow(key), secret, null);
    }

    public async Task<bool> RevokeAsync(Guid keyId, string actorUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null || !key.IsActive)
        {
            return false;
        }
        key.Revoke(time.GetUtcNow().UtcDateTime);
        audit.Record(db, key.BusinessId, actorUserId, "apikey.revoked", nameof(ApiKey), key.Id, new { key.Name, key.Prefix, Revoked = false },
            new { key.Name, key.Prefix, Revoked = true });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The business a presented key speaks for, or null when it is malformed, unknown or revoked. Crosses tenants on purpose: the key decides the tenant.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxKeyLength || !presented.StartsWith(KeyStart, StringComparison.Ordinal))
        {
            return null;
        }
        var split = presented.IndexOf('_', KeyStart.Length);
        if (split != KeyStart.Length + PrefixRandomLength)
        {
            return null;
        }
        var prefix = presented[..split];
        await using var db = database.Create(tenant: null);
        var key = await db.ApiKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (key is null || !key.IsActive)
        {
            return null;
        }
        var expected = Convert.FromHexString(key.SecretHash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (key.LastUsedUtc is null || now - key.LastUsedUtc.Value >= LastUsedResolution)
        {
            key.MarkUsed(now);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new ApiKeyIdentity(key.Id, key.BusinessId, key.Name);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiKeyRow ToRow(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedUtc, k.LastUsedUtc, k.RevokedUtc, k.CreatedBy);

    private static string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
