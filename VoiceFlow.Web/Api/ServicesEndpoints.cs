using Microsoft.AspNetCore.Http.HttpResults;
using VoiceFlow.Web.Features.Settings;

namespace VoiceFlow.Web.Api;

/// <summary>/api/v1/services: what can be booked (read-only; owners change services in Settings).</summary>
public static class ServicesEndpoints
{
    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/services").WithTags("Services");
        group.MapGet("/", ListAsync).WithName("ListServices").WithSummary("All services, offered ones first");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetService").WithSummary("One service");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ServiceDto>>> ListAsync(ServiceSettingsService services, CancellationToken ct)
    {
        IReadOnlyList<ServiceDto> list = (await services.ListAsync(ct)).Select(ToDto).ToList();
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<ServiceDto>, ProblemHttpResult>> GetAsync(Guid id, ServiceSettingsService services, CancellationToken ct)
    {
        var form = (await services.ListAsync(ct)).FirstOrDefault(s => s.Id == id);
        return form is null ? ApiProblems.NotFound("service") : TypedResults.Ok(ToDto(form));
    }

    private static ServiceDto ToDto(ServiceForm s) =>
        new(s.Id ?? Guid.Empty, s.Name, s.NameFr, s.DurationMinutes, s.Price, s.BufferBeforeMinutes, s.BufferAfterMinutes, s.IsActive);
}
