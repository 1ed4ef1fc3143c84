namespace VoiceFlow.Domain.Speech;

/// <summary>A service the caller may ask for: its canonical name and the other ways people say it.</summary>
/// <param name="Name">Canonical name returned on a match, e.g. "Cleaning".</param>
/// <param name="Synonyms">Other phrasings in either language, e.g. "teeth cleaning", "nettoyage".</param>
public sealed record ServiceDefinition(string Name, IReadOnlyList<string> Synonyms)
{
    /// <summary>A service known only by its name.</summary>
    public ServiceDefinition(string name)
        : this(name, [])
    {
    }
}
