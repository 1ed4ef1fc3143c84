namespace VoiceFlow.Web.Api;

/// <summary>A service the business offers: names (English, French), duration and buffers in minutes, price in dollars.</summary>
public sealed record ServiceDto(Guid Id, string Name, string? NameFr, int DurationMinutes, decimal Price, int BufferBeforeMinutes, int BufferAfterMinutes, bool IsActive);
