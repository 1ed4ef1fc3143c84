namespace VoiceFlow.Web.Features.Calls;

/// <summary>Columns the calls list sorts on (on the server).</summary>
public enum CallSort
{
    Started,
    Duration,
    Outcome,
    Language,
}
