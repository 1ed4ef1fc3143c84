using VoiceFlow.Domain.Common;

namespace VoiceFlow.Domain.Analytics;

/// <summary>
/// The rates behind the cost estimate on the analytics page: what Twilio charges (per voice minute, per SMS segment)
/// and what a call handled by staff costs (minutes of their time at an hourly wage). Canadian dollars.
/// </summary>
public sealed class AnalyticsSettings : Entity, ITenantOwned
{
    public const decimal DefaultVoicePerMinute = 0.0300m;
    public const decimal DefaultSmsPerSegment = 0.0110m;
    public const decimal DefaultMinutesPerCall = 4m;
    public const decimal DefaultHourlyWage = 24m;

    private AnalyticsSettings() { }

    public AnalyticsSettings(Guid businessId)
    {
        BusinessId = businessId;
    }

    public Guid BusinessId { get; private set; }
    public decimal VoicePerMinute { get; private set; } = DefaultVoicePerMinute;
    public decimal SmsPerSegment { get; private set; } = DefaultSmsPerSegment;
    public decimal StaffMinutesPerCall { get; private set; } = DefaultMinutesPerCall;
    public decimal StaffHourlyWage { get; private set; } = DefaultHourlyWage;

    public void Change(decimal voicePerMinute, decimal smsPerSegment, decimal staffMinutesPerCall, decimal staffHourlyWage)
    {
        if (voicePerMinute < 0 || voicePerMinute > 10 || smsPerSegment < 0 || smsPerSegment > 10)
        {
            throw new DomainException("analytics.rates", "Rates must be between 0 and 10 dollars.");
        }
        if (staffMinutesPerCall < 0 || staffMinutesPerCall > 120 || staffHourlyWage < 0 || staffHourlyWage > 1000)
        {
            throw new DomainException("analytics.staff_time", "Minutes per call must be between 0 and 120 and the hourly wage between 0 and 1000.");
        }
        VoicePerMinute = voicePerMinute;
        SmsPerSegment = smsPerSegment;
        StaffMinutesPerCall = staffMinutesPerCall;
        StaffHourlyWage = staffHourlyWage;
    }
}
