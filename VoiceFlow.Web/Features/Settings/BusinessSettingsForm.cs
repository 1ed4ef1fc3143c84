namespace VoiceFlow.Web.Features.Settings;

/// <summary>Everything stored on the business itself: profile and numbers, greetings, reminder policy. Bound by the forms.</summary>
public sealed class BusinessSettingsForm
{
    public string Name { get; set; } = "";
    public string TimeZoneId { get; set; } = "America/Toronto";
    public string DefaultLanguage { get; set; } = "en-CA";
    public string? Address { get; set; }
    public string? TransferNumber { get; set; }
    public List<string> PhoneNumbers { get; set; } = [];
    public string? GreetingEn { get; set; }
    public string? GreetingFr { get; set; }
    public bool RemindersEnabled { get; set; }
    public int FirstReminderHours { get; set; }
    public int? SecondReminderHours { get; set; }
    public TimeOnly? QuietHoursStart { get; set; }
    public TimeOnly? QuietHoursEnd { get; set; }
    /// <summary>Days call transcripts and recordings are kept; null keeps them.</summary>
    public int? RetentionDays { get; set; }

    public BusinessSettingsForm Copy()
    {
        var copy = (BusinessSettingsForm)MemberwiseClone();
        copy.PhoneNumbers = [.. PhoneNumbers];
        return copy;
    }
}
