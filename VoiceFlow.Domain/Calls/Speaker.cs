namespace VoiceFlow.Domain.Calls;

public enum Speaker
{
    Agent,
    Caller,
    System,
}
