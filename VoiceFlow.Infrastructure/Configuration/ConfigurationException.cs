namespace VoiceFlow.Infrastructure.Configuration;

/// <summary>Start-up cannot go on because of one configuration key. The host prints the message and exits.</summary>
public sealed class ConfigurationException(string key, string problem, Exception? inner = null)
    : Exception($"Configuration error in '{key}': {problem}", inner)
{
    public string Key { get; } = key;
}
