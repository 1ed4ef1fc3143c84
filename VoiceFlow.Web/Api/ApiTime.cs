using NodaTime;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Api;

/// <summary>Times in the API: instants in UTC, with the business's wall clock (and its offset) alongside.</summary>
internal static class ApiTime
{
    public static DateTime Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    public static DateTimeOffset Local(BusinessSummary business, DateTime utc) =>
        Instant.FromDateTimeUtc(Utc(utc)).InZone(business.Zone).ToDateTimeOffset();

    /// <summary>A business-local wall-clock time (as the read services give it) back to UTC; the earlier instant in a fall-back overlap.</summary>
    public static DateTime FromLocal(BusinessSummary business, DateTime local) => Utc(business.ToUtc(local));
}
