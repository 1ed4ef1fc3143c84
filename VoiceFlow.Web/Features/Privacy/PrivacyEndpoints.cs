using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Web.Hosting;

namespace VoiceFlow.Web.Features.Privacy;

/// <summary>The customer export as a file download (a Blazor circuit cannot stream a file by itself).</summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/customers/{id:guid}/export", ExportAsync).RequireAuthorization(Policies.Owner);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(Guid id, HttpContext context, CustomerPrivacyService privacy, CancellationToken cancellationToken)
    {
        var json = await privacy.ExportAsync(id, "user:" + context.User.GetUserId(), cancellationToken);
        if (json is null)
        {
            return TypedResults.NotFound();
        }
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(json, "application/json", $"customer-{id:N}.json");
    }
}
