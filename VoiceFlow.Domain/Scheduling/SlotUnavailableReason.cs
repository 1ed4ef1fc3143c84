namespace VoiceFlow.Domain.Scheduling;

/// <summary>Why a specific requested time cannot be booked. Checked in this order; the first that applies wins.</summary>
public enum SlotUnavailableReason
{
    None,
    /// <summary>The local time does not exist (spring-forward gap).</summary>
    DstGap,
    /// <summary>The start is before "now".</summary>
    InPast,
    /// <summary>The start is inside the minimum notice.</summary>
    TooSoon,
    /// <summary>The local day is past today plus the maximum days ahead.</summary>
    TooFarAhead,
    /// <summary>A business-wide closure (holiday) covers the day.</summary>
    ClosedForHoliday,
    /// <summary>The business is not open for the whole service (outside hours, in a break, or running past closing).</summary>
    Closed,
    /// <summary>Open, but starts are offered on the slot grid only (e.g. every 15 minutes from opening).</summary>
    NotOnSlotGrid,
    /// <summary>The staff member (every eligible one for "anyone") has a personal closure that day.</summary>
    StaffUnavailable,
    /// <summary>The staff member is not working for the whole service.</summary>
    OutsideStaffHours,
    /// <summary>The staff member already has the maximum number of appointments that day.</summary>
    DailyLimitReached,
    /// <summary>An existing appointment (with buffers) or an external busy time overlaps the service with its buffers.</summary>
    Taken,
}
