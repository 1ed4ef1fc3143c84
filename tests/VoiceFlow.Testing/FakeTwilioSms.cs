namespace VoiceFlow.Testing;

/// <summary>One message the fake Twilio accepted.</summary>
public sealed record FakeTwilioSms(string Sid, string To, string From, string Body, string? StatusCallback, DateTimeOffset ReceivedAt);
