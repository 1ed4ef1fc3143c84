namespace VoiceFlow.Domain.Messaging;

/// <summary>What an inbound SMS asks for.</summary>
public enum InboundIntent
{
    Other,
    Confirm,
    Cancel,
    CallBack,
    OptOut,
    OptIn,
    Empty,
}
