using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Integrations;

/// <summary>
/// A business's key for server-to-server use of the REST API. Only the SHA-256 hash of the secret is kept;
/// the <see cref="Prefix"/> (public, shown in lists) finds the row, the hash proves the secret.
/// </summary>
public sealed class ApiKey : Entity, ITenantOwned
{
    public const int MaxNameLength = 80;

    private ApiKey() { }

    public ApiKey(Guid businessId, string name, string prefix, string secretHash, string createdBy, DateTime createdUtc)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new DomainException("apikey.name_required", "An API key needs a name.");
        }
        if (name.Length > MaxNameLength)
        {
            throw new DomainException("apikey.name_too_long", $"A key's name can have at most {MaxNameLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(prefix) || string.IsNullOrWhiteSpace(secretHash))
        {
            throw new DomainException("apikey.secret_required", "An API key needs a prefix and a secret hash.");
        }
        BusinessId = businessId;
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        CreatedBy = createdBy;
        CreatedUtc = createdUtc;
    }

    public Guid BusinessId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The public first part of the key ("vf_" and 12 characters), unique.</summary>
    public string Prefix { get; private set; } = "";
    /// <summary>Lower-case hex SHA-256 of the whole key text.</summary>
    public string SecretHash { get; private set; } = "";
    /// <summary>"user:{id}" of whoever created it.</summary>
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }
    public DateTime? LastUsedUtc { get; private set; }
    public DateTime? RevokedUtc { get; private set; }

    public bool IsActive => RevokedUtc is null;

    public void Revoke(DateTime nowUtc) => RevokedUtc ??= nowUtc;

    public void MarkUsed(DateTime nowUtc) => LastUsedUtc = nowUtc;
}
