namespace VoiceFlow.Web.Features.Operations;

/// <summary>
/// A logger provider that keeps errors (and worse) in <see cref="RecentErrors"/> for the admin page, taking the
/// CallSid from the message's own values or from a logging scope (the voice webhooks open one per request).
/// </summary>
public sealed class RecentErrorsLoggerProvider(RecentErrors errors, TimeProvider time) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ILogger CreateLogger(string categoryName) => new ErrorLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string? FindCallSid(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.FirstOrDefault(p => p.Key == "CallSid").Value?.ToString()
            : null;

    private sealed class ErrorLogger(RecentErrorsLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            var message = formatter(state, exception);
            // EF Core logs the first look for its migrations table on a new database as an error; it is expected.
            if (message.Contains("__EFMigrationsHistory", StringComparison.Ordinal))
            {
                return;
            }
            var callSid = FindCallSid(state);
            if (callSid is null)
            {
                owner._scopes?.ForEachScope((scope, _) => callSid ??= FindCallSid(scope), (object?)null);
            }
            owner.AddError(new RecentError(owner.Now(), category, message.Length > 400 ? message[..400] + "…" : message, callSid,
                exception is null ? null : exception.GetType().Name + ": " + exception.Message));
        }
    }

    internal void AddError(RecentError error) => errors.Add(error);

    internal DateTime Now() => time.GetUtcNow().UtcDateTime;
}
