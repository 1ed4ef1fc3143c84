namespace VoiceFlow.Web.Tests.ScaleOut;

/// <summary>
/// The tests that start two instances run one after the other: each pair runs its own Hangfire servers, Redis
/// subscriptions and Kestrel, and the two-instance test counts job runs with timeouts on a shared two-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TwoInstanceCollection
{
    public const string Name = "Two instances";
}
