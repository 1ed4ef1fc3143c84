using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Features.Appointments;

/// <summary>What the calendar needs once: the business, its staff and services, and the hours to draw.</summary>
public sealed record CalendarSetup(
    BusinessSummary Business,
    IReadOnlyList<NamedOption> Staff,
    IReadOnlyList<ServiceOption> Services,
    int OpenHour,
    int CloseHour);
