using Hangfire.Logging;
using Hangfire.AspNetCore;
using LogLevel = Hangfire.Logging.LogLevel;

namespace VoiceFlow.Web.Hosting;

/// <summary>
/// Hangfire keeps its log provider in a process-wide static. When one process hosts several apps in turn (the test
/// suite does), the provider can still point at an app that has shut down, and Hangfire's client then fails to log
/// and so to enqueue (an ObjectDisposedException turned a push notification into a 500). This provider logs through
/// the app's logger factory while it lives and stays silent after, never failing the caller.
/// </summary>
internal sealed class HangfireLogging(ILoggerFactory loggers) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggers);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
