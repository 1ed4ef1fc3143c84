using Microsoft.Extensions.Options;

namespace VoiceFlow.Web.Voice;

/// <summary>
/// Every Twilio webhook: a body within limits (else 400), a valid signature (else 403, logged). Checking can be
/// switched off only in Development.
/// </summary>
internal sealed class TwilioSignatureFilter(TwilioSignature signature, IOptionsMonitor<TwilioOptions> options, IHostEnvironment environment, ILogger<TwilioSignatureFilter> logger)
    : IEndpointFilter
{
    public const long MaxBodyBytes = 64 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.ContentLength is > MaxBodyBytes)
        {
            logger.LogWarning("Twilio webhook {Path} refused: body of {Length} bytes", request.Path, request.ContentLength);
            return Results.BadRequest();
        }
        if (!request.HasFormContentType)
        {
            return Results.BadRequest();
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            logger.LogWarning("Twilio webhook {Path} refused: unreadable form ({Error})", request.Path, ex.GetType().Name);
            return Results.BadRequest();
        }
        var skip = !options.CurrentValue.ValidateSignatures && environment.IsDevelopment();
        if (!skip && !signature.IsValid(request, form))
        {
            logger.LogWarning("Twilio webhook {Path} refused: missing or wrong X-Twilio-Signature (CallSid {CallSid})", request.Path, form["CallSid"].ToString());
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }
}
