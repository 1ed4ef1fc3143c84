namespace VoiceFlow.Web.Tests.ScaleOut;

/// <summary>
/// The tests that start two instances run one after the other: each pair runs its own Hangfire servers, Redis
/// subscriptions and Kestrel, and the two-instance test counts job runs with timeouts on a shared two-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TwoInstanceCollection
{
    public const string Name = "Two instances";

    /// <summary>
    /// Settings for an instance without the app's own recurring jobs and SMS loop (they would share the workers), plus
    /// <paramref name="more"/>.
    /// </summary>
    public static Dictionary<string, string?> Quiet(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:RecurringJobs"] = "false", ["CalendarSync:RecurringJobs"] = "false", ["Privacy:RecurringJobs"] = "false",
            ["Messaging:BackgroundDelivery"] = "false",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }
}
