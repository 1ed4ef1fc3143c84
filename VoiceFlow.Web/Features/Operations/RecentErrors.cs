namespace VoiceFlow.Web.Features.Operations;

/// <summary>The last errors logged by this process (a small ring), with the CallSid when the log carried one.</summary>
public sealed class RecentErrors
{
    public const int Capacity = 100;
    private readonly Lock _gate = new();
    private readonly Queue<RecentError> _errors = new();

    public void Add(RecentError error)
    {
        lock (_gate)
        {
            if (_errors.Count == Capacity)
            {
                _errors.Dequeue();
            }
            _errors.Enqueue(error);
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RecentError> Latest(int count)
    {
        lock (_gate)
        {
            return _errors.Reverse().Take(count).ToList();
        }
    }
}

public sealed record RecentError(DateTime AtUtc, string Category, string Message, string? CallSid, string? Exception);
