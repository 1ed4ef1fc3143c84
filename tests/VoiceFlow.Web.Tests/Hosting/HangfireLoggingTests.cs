using Microsoft.Extensions.Logging;
using VoiceFlow.Web.Hosting;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace VoiceFlow.Web.Tests.Hosting;

/// <summary>Hangfire's log provider is process-wide: one pointing at an app that has shut down must not fail the caller.</summary>
public sealed class HangfireLoggingTests
{
    [Fact]
    public void Logs_while_the_app_lives_and_stays_silent_after_it_has_shut_down()
    {
        var written = new List<string>();
        var loggers = LoggerFactory.Create(b => b.AddProvider(new ListProvider(written)).SetMinimumLevel(LogLevel.Trace));
        var provider = new HangfireLogging(loggers);
        var early = provider.GetLogger("Hangfire.Client");

        Assert.True(early.Log(HangfireLevel.Warn, () => "queue slow"));
        Assert.Contains("queue slow", written);

        loggers.Dispose();
        var late = provider.GetLogger("Hangfire.Client");
        Assert.False(late.Log(HangfireLevel.Error, () => "after shutdown"));
        early.Log(HangfireLevel.Error, () => "after shutdown too");
        Assert.DoesNotContain("after shutdown", written);
    }

    private sealed class ListProvider(List<string> written) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(written);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(List<string> written) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            written.Add(formatter(state, exception));
    }
}
