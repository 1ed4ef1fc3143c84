using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Calendar;

/// <summary>Which Google calendar a staff member's appointments go to, and the incremental sync cursor for it.</summary>
public sealed class CalendarMapping : Entity, ITenantOwned
{
    private CalendarMapping() { }

    public CalendarMapping(Guid businessId, Guid connectionId, Guid staffMemberId, string calendarId)
    {
        BusinessId = businessId;
        ConnectionId = connectionId;
        StaffMemberId = staffMemberId;
        CalendarId = calendarId;
    }

    public Guid BusinessId { get; private set; }
    public Guid ConnectionId { get; private set; }
    public Guid StaffMemberId { get; private set; }
    public string CalendarId { get; private set; } = "";
    public string? SyncToken { get; private set; }
    public string? ChannelId { get; private set; }
    public string? ChannelResourceId { get; private set; }
    public DateTime? ChannelExpiresUtc { get; private set; }

    public void AdvanceSyncToken(string? syncToken) => SyncToken = syncToken;

    public void ResetSync() => SyncToken = null;

    public void WatchChannel(string channelId, DateTime expiresUtc, string? resourceId = null)
    {
        ChannelId = channelId;
        ChannelExpiresUtc = expiresUtc;
        ChannelResourceId = resourceId;
    }

    public void ForgetChannel()
    {
        ChannelId = null;
        ChannelExpiresUtc = null;
        ChannelResourceId = null;
    }

    /// <summary>Points the staff member at another calendar: the old cursor and channel mean nothing there.</summary>
    public void ChangeCalendar(string calendarId)
    {
        if (calendarId == CalendarId)
        {
            return;
        }
        CalendarId = calendarId;
        SyncToken = null;
        ForgetChannel();
    }
}
