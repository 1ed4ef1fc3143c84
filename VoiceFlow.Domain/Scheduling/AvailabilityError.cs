namespace VoiceFlow.Domain.Scheduling;

/// <summary>Why an availability question could not be answered at all (bad input or setup), as opposed to a time being unavailable.</summary>
public enum AvailabilityError
{
    None,
    /// <summary>The window ends on or before it starts.</summary>
    InvalidWindow,
    /// <summary>An instant was given as a local <see cref="DateTime"/>; instants are UTC.</summary>
    NotUtc,
    /// <summary>A result count below one was asked for.</summary>
    InvalidMaxResults,
    UnknownService,
    ServiceInactive,
    UnknownStaffMember,
    StaffMemberInactive,
    StaffDoesNotPerformService,
    /// <summary>"Anyone" was asked for, but no active staff member performs the service.</summary>
    NoStaffForService,
}
