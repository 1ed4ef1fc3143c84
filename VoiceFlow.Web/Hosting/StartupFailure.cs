using Microsoft.Extensions.Options;
using VoiceFlow.Infrastructure.Configuration;

namespace VoiceFlow.Web.Hosting;

/// <summary>Recognises start-up failures caused by configuration and words them for a human.</summary>
internal static class StartupFailure
{
    public static bool IsConfigurationProblem(Exception ex) => Find(ex) is not null;

    public static string Describe(Exception ex) => Find(ex) switch
    {
        ConfigurationException c => c.Message,
        OptionsValidationException o => "Configuration error: " + string.Join(" ", o.Failures),
        _ => ex.Message,
    };

    private static Exception? Find(Exception? ex)
    {
        while (ex is not null)
        {
            if (ex is ConfigurationException or OptionsValidationException)
            {
                return ex;
            }
            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
            {
                ex = aggregate.InnerExceptions[0];
                continue;
            }
            ex = ex.InnerException;
        }
        return null;
    }
}
