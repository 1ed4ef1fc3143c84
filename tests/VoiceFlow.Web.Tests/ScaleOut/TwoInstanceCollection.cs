namespace VoiceFlow.Web.Tests.ScaleOut;

/// <summary>
/// The tests that start two instances run one after the other. Hangfire keeps its storage in a process-wide static,
/// so two pairs of apps starting at the same moment in this one test process could enqueue into each other's
/// database, and the two-instance test would wait for jobs that another test's servers owned.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TwoInstanceCollection
{
    public const string Name = "Two instances";
}
