using System.Globalization;
using VoiceFlow.Domain.Conversation;
using VoiceFlow.Web.Features.Calls;

namespace VoiceFlow.Web.Voice;

/// <summary>
/// Twilio's voice webhooks. Every answer is TwiML; any failure becomes an apology with a transfer or a voicemail,
/// never a 500. Malformed requests get 400, unsigned ones 403 (see <see cref="TwilioSignatureFilter"/>).
/// </summary>
public static class VoiceEndpoints
{
    /// <summary>A step that takes longer than this is abandoned for an apology (Twilio waits 15 s at most).</summary>
    public static readonly TimeSpan StepBudget = TimeSpan.FromSeconds(8);

    public static IEndpointRouteBuilder MapVoiceWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var voice = endpoints.MapGroup("/twilio/voice")
            .AddEndpointFilter<TwilioSignatureFilter>()
            .DisableAntiforgery()
            .AllowAnonymous()
            .ExcludeFromDescription();
        // Run by routing itself, before the portal's middleware (localization, authentication, antiforgery), which
        // webhooks never use; see RateLimiting.UseTwilioWebhookLane.
        voice.ShortCircuit();
        voice.MapPost("/incoming", IncomingAsync);
        voice.MapPost("/gather", GatherAsync);
        voice.MapPost("/dial", DialAsync);
        voice.MapPost("/recording", RecordingAsync);
        voice.MapPost("/status", StatusAsync);
        voice.MapPost("/fallback", FallbackAsync);
        return endpoints;
    }

    private static Task<IResult> IncomingAsync(HttpContext http, CallConversationService calls, ILoggerFactory logs) =>
        HandleAsync(http, logs, async (hook, ct) => await calls.StartAsync(hook.CallSid, hook.From, hook.To, isTest: false, ct), calls);

    private static Task<IResult> GatherAsync(HttpContext http, CallConversationService calls, ILoggerFactory logs) =>
        HandleAsync(http, logs, async (hook, ct) =>
            await calls.ContinueAsync(hook.CallSid, hook.From, hook.To, new CallerSaid(hook.SpeechResult, hook.Confidence, hook.Digits), ct, SessionVersion(http)), calls);

    private static Task<IResult> DialAsync(HttpContext http, CallConversationService calls, ILoggerFactory logs) =>
        HandleAsync(http, logs, async (hook, ct) =>
        {
            var status = http.Request.Form["DialCallStatus"].ToString();
            if (status is "completed" or "answered")
            {
                // Staff took the call; when they hang up, so do we.
                return new VoiceReply(new AgentReply("en-CA", [], ReplyAction.Hangup, []), null);
            }
            return await calls.SignalAsync(hook.CallSid, new TransferFailed(), ct, SessionVersion(http));
        }, calls);

    private static Task<IResult> RecordingAsync(HttpContext http, CallConversationService calls, ILoggerFactory logs) =>
        HandleAsync(http, logs, async (hook, ct) =>
        {
            var url = http.Request.Form["RecordingUrl"].ToString();
            if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                return new VoiceReply(new AgentReply("en-CA", [], ReplyAction.Hangup, []), null);
            }
            return await calls.SignalAsync(hook.CallSid, new VoicemailRecorded(url), ct, SessionVersion(http));
        }, calls);

    private static async Task<IResult> StatusAsync(HttpContext http, CallConversationService calls, ILoggerFactory logs)
    {
        var hook = VoiceWebhook.FromForm(http.Request.Form);
        if (hook is null)
        {
            return Results.BadRequest();
        }
        int? duration = int.TryParse(http.Request.Form["CallDuration"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : null;
        try
        {
            await calls.EndAsync(hook.CallSid, duration, hook.CallStatus, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logs.CreateLogger("VoiceFlow.Voice").LogError(ex, "Status callback failed for call {CallSid}", hook.CallSid);
        }
        return Results.Text(new Twilio.TwiML.VoiceResponse().ToString(), "application/xml");
    }

    private static async Task<IResult> FallbackAsync(HttpContext http, CallConversationService calls, ILoggerFactory logs)
    {
        var hook = VoiceWebhook.FromForm(http.Request.Form);
        logs.CreateLogger("VoiceFlow.Voice").LogWarning("Twilio used the fallback URL for call {CallSid}: {ErrorCode} {ErrorUrl}",
            hook?.CallSid, http.Request.Form["ErrorCode"].ToString(), http.Request.Form["ErrorUrl"].ToString());
        if (hook is not null)
        {
            await calls.RecordFailureAsync(hook.CallSid, "Twilio fallback: error " + http.Request.Form["ErrorCode"], http.RequestAborted);
        }
        return Twiml(TwimlWriter.Apology("en-CA", null));
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, ILoggerFactory logs, Func<VoiceWebhook, CancellationToken, Task<VoiceReply?>> step, CallConversationService calls)
    {
        var hook = VoiceWebhook.FromForm(http.Request.Form);
        if (hook is null)
        {
            return Results.BadRequest();
        }
        var logger = logs.CreateLogger("VoiceFlow.Voice");
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CallSid"] = hook.CallSid });
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        budget.CancelAfter(StepBudget);
        try
        {
            var reply = await step(hook, budget.Token);
            return reply is null ? Twiml(TwimlWriter.NotInService()) : Twiml(TwimlWriter.Render(reply.Reply, reply.TransferNumber, reply.SessionVersion));
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Voice step failed for call {CallSid}; apologising", hook.CallSid);
            await calls.RecordFailureAsync(hook.CallSid, ex is OperationCanceledException ? "Step overran its time budget" : ex.GetType().Name + ": " + ex.Message, CancellationToken.None);
            return Twiml(TwimlWriter.Apology("en-CA", null));
        }
    }

    private static IResult Twiml(string xml) => Results.Text(xml, "application/xml");

    /// <summary>The session version the action URL names (<see cref="TwimlWriter.SessionVersionParameter"/>), if it looks like one.</summary>
    private static string? SessionVersion(HttpContext http) =>
        http.Request.Query[TwimlWriter.SessionVersionParameter].ToString() is { Length: > 0 and <= 32 } version ? version : null;
}
