namespace VoiceFlow.Web.Features.CalendarSync;

/// <summary>The connection's refresh token no longer works (invalid_grant) or it was disconnected: nothing to do until the owner reconnects.</summary>
public sealed class CalendarNeedsReconnectionException(Guid connectionId, string message) : Exception(message)
{
    public Guid ConnectionId { get; } = connectionId;
}
