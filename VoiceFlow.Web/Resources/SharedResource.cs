namespace VoiceFlow.Web.Resources;

/// <summary>Marker for the portal's shared strings (SharedResource.resx, SharedResource.fr.resx).</summary>
public sealed class SharedResource;
