namespace VoiceFlow.Web.Features.Booking;

public enum BookingStatus
{
    /// <summary>A new appointment was committed.</summary>
    Booked,
    /// <summary>The same idempotency key booked before: this is that first appointment.</summary>
    AlreadyBooked,
    /// <summary>The customer already has this service that day (a dropped call, a call-back): offered instead.</summary>
    Duplicate,
    /// <summary>The time cannot be booked (taken, closed, too soon...): see the reason and the alternatives.</summary>
    Unavailable,
    /// <summary>The request itself is wrong (unknown service, end before start, bad phone number...).</summary>
    Invalid,
}
