namespace VoiceFlow.Web.Hosting;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Owner = "Owner";
    public const string PlatformAdmin = "PlatformAdmin";
}
