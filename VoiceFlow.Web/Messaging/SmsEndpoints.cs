using System.Security;
using VoiceFlow.Web.Features.Messaging;
using VoiceFlow.Web.Voice;

namespace VoiceFlow.Web.Messaging;

/// <summary>
/// Twilio's SMS webhooks, signature-checked like the voice ones (unsigned: 403). Replies are TwiML
/// (<c>&lt;Response&gt;&lt;Message&gt;</c> or an empty <c>&lt;Response/&gt;</c>); any failure answers an empty
/// response and is logged, never a 500.
/// </summary>
public static class SmsEndpoints
{
    private const string EmptyResponse = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var sms = endpoints.MapGroup("/twilio/sms")
            .AddEndpointFilter<TwilioSignatureFilter>()
            .DisableAntiforgery()
            .AllowAnonymous()
            .ExcludeFromDescription();
        // Run by routing itself, before the portal's middleware (localization, authentication, antiforgery), which
        // webhooks never use; see RateLimiting.UseTwilioWebhookLane.
        sms.ShortCircuit();
        sms.MapPost("/incoming", IncomingAsync);
        sms.MapPost("/status", StatusAsync);
        return endpoints;
    }

    private static async Task<IResult> IncomingAsync(HttpContext http, SmsReplyService replies, ILoggerFactory logs)
    {
        var form = http.Request.Form;
        try
        {
            var reply = await replies.HandleAsync(form["MessageSid"].ToString(), form["From"].ToString(), form["To"].ToString(), form["Body"].ToString(), http.RequestAborted);
            return Twiml(reply.Message is null ? EmptyResponse
                : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{SecurityElement.Escape(reply.Message)}</Message></Response>");
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logs.CreateLogger("VoiceFlow.Messaging").LogError(ex, "Inbound SMS {MessageSid} could not be handled", form["MessageSid"].ToString());
            return Twiml(EmptyResponse);
        }
    }

    private static async Task<IResult> StatusAsync(HttpContext http, SmsStatusRecorder recorder, ILoggerFactory logs)
    {
        var form = http.Request.Form;
        Guid? outboxId = Guid.TryParse(http.Request.Query["outboxId"].ToString(), out var id) ? id : null;
        try
        {
            await recorder.RecordAsync(form["MessageSid"].ToString(), form["MessageStatus"].ToString(), outboxId, form["ErrorCode"].ToString(), http.RequestAborted);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            logs.CreateLogger("VoiceFlow.Messaging").LogError(ex, "SMS status callback for {MessageSid} failed", form["MessageSid"].ToString());
        }
        return Twiml(EmptyResponse);
    }

    private static IResult Twiml(string xml) => Results.Text(xml, "application/xml");
}
