using VoiceFlow.Domain.Conversation;

namespace VoiceFlow.Web.Features.Calls;

/// <summary>
/// A test call from the portal: the same engine and services as a real call, with a made-up CallSid, marked as a
/// test so it stays out of the figures.
/// </summary>
public sealed class SimulatedCall(CallConversationService calls)
{
    public sealed record Line(bool FromAgent, string Text, ReplyAction? Action, string Language);

    private readonly List<Line> _lines = [];

    public IReadOnlyList<Line> Lines => _lines;

    public string? CallSid { get; private set; }

    public bool IsOver { get; private set; }

    public string Language { get; private set; } = "en-CA";

    public async Task StartAsync(string callerPhone, string businessNumber, CancellationToken cancellationToken)
    {
        _lines.Clear();
        IsOver = false;
        CallSid = "SIM" + Guid.NewGuid().ToString("N");
        var reply = await calls.StartAsync(CallSid, callerPhone, businessNumber, isTest: true, cancellationToken)
            ?? throw new InvalidOperationException("No business answers " + businessNumber);
        Add(reply.Reply);
    }

    public async Task SayAsync(string? text, string? digits, CancellationToken cancellationToken)
    {
        if (CallSid is null || IsOver)
        {
            return;
        }
        var shown = string.IsNullOrWhiteSpace(text) ? (digits is null ? "…" : $"[{digits}]") : text.Trim();
        _lines.Add(new Line(false, shown, null, Language));
        var reply = await calls.ContinueAsync(CallSid, "", "", new CallerSaid(text, text is null ? null : 0.95, digits), cancellationToken);
        if (reply is not null)
        {
            Add(reply.Reply);
        }
    }

    public async Task HangUpAsync(CancellationToken cancellationToken)
    {
        if (CallSid is not null && !IsOver)
        {
            IsOver = true;
            await calls.EndAsync(CallSid, null, "completed", cancellationToken);
        }
    }

    private void Add(AgentReply reply)
    {
        Language = reply.Language;
        if (reply.Say.Count > 0)
        {
            _lines.Add(new Line(true, reply.Text, reply.Action, reply.Language));
        }
        if (reply.Action is ReplyAction.Hangup or ReplyAction.Transfer or ReplyAction.Voicemail)
        {
            IsOver = true;
        }
    }
}
