namespace VoiceFlow.Web.Features.Privacy;

/// <summary>What an erasure did, in counts only (no personal data), or why it did nothing.</summary>
public sealed record ErasureResult(bool Succeeded, string? Message, int Appointments = 0, int Calls = 0, int Messages = 0, int AuditEntries = 0)
{
    public static ErasureResult Failed(string message) => new(false, message);
}
