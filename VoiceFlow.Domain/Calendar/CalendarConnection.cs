using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Calendar;

public enum CalendarConnectionStatus
{
    Connected,
    NeedsReconnection,
    Disconnected,
}

/// <summary>A business's link to a Google account. The refresh token is stored encrypted (Data Protection).</summary>
public sealed class CalendarConnection : Entity, ITenantOwned
{
    private CalendarConnection() { }

    public CalendarConnection(Guid businessId, string accountEmail, string protectedRefreshToken, DateTime connectedUtc)
    {
        BusinessId = businessId;
        AccountEmail = accountEmail;
        ProtectedRefreshToken = protectedRefreshToken;
        ConnectedUtc = connectedUtc;
        Status = CalendarConnectionStatus.Connected;
    }

    public Guid BusinessId { get; private set; }
    public string AccountEmail { get; private set; } = "";
    public string ProtectedRefreshToken { get; private set; } = "";
    public CalendarConnectionStatus Status { get; private set; }
    public DateTime ConnectedUtc { get; private set; }
    public DateTime? LastSyncUtc { get; private set; }
    public string? LastError { get; private set; }

    public void MarkNeedsReconnection(string error)
    {
        Status = CalendarConnectionStatus.NeedsReconnection;
        LastError = error;
    }

    public void Reconnect(string protectedRefreshToken, DateTime nowUtc)
    {
        ProtectedRefreshToken = protectedRefreshToken;
        Status = CalendarConnectionStatus.Connected;
        ConnectedUtc = nowUtc;
        LastError = null;
    }

    public void Disconnect()
    {
        Status = CalendarConnectionStatus.Disconnected;
        ProtectedRefreshToken = "";
    }

    /// <summary>A problem staff must act on (a deleted calendar, no write access) while the connection itself still works.</summary>
    public void RecordError(string error) => LastError = error.Length > 1000 ? error[..1000] : error;

    public void RecordSync(DateTime nowUtc)
    {
        LastSyncUtc = nowUtc;
        LastError = null;
    }
}
