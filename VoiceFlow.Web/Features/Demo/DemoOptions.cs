namespace VoiceFlow.Web.Features.Demo;

/// <summary>The demo business seeded on first start (<c>Demo:*</c>). On by default, off in Production unless enabled.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool? Enabled { get; set; }

    public string PhoneNumber { get; set; } = "+15555550100";

    public string AdminEmail { get; set; } = "owner@demo.voiceflow.local";

    public string AdminPassword { get; set; } = "Demo!2345";
}
