using Microsoft.AspNetCore.Http.HttpResults;
using VoiceFlow.Domain.Calls;
using VoiceFlow.Web.Features.Businesses;
using VoiceFlow.Web.Features.Calls;

namespace VoiceFlow.Web.Api;

/// <summary>/api/v1/calls: the call log, filtered and paged; one call with its transcript.</summary>
public static class CallsEndpoints
{
    public static RouteGroupBuilder MapCallsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/calls").WithTags("Calls");
        group.MapGet("/", ListAsync).WithName("ListCalls").WithSummary("Calls, newest first, filtered and paged");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCall").WithSummary("One call with its transcript");
        return api;
    }

    private static async Task<Results<Ok<PagedResponse<CallDto>>, ValidationProblem>> ListAsync(
        HttpRequest request, CallQueries calls, CurrentBusiness currentBusiness,
        string? from, string? to, string? outcome, string? language, string? customer, bool? live, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageQuery.From(page, pageSize, errors);
        var filter = new CallFilter(ApiInput.Date(from, "from", errors), ApiInput.Date(to, "to", errors), ApiInput.Enum<CallOutcome>(outcome, "outcome", errors),
            ApiInput.Language(language, "language", errors), ApiInput.Search(customer, "customer", errors), live ?? false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var business = await currentBusiness.GetAsync(ct);
        var result = await calls.ListAsync(filter, paging.Index, paging.PageSize, cancellationToken: ct);
        var items = business is null ? [] : result.Items.Select(c =>
        {
            var startedUtc = ApiTime.FromLocal(business, c.StartedLocal);
            return new CallDto(c.Id, startedUtc, ApiTime.Local(business, startedUtc), c.Caller, c.CustomerId, c.CustomerName, c.DurationSeconds,
                c.Language, c.Outcome, c.AppointmentId, c.IsTest, c.IsLive);
        }).ToList();
        return TypedResults.Ok(PagedResponse.Create(request, items, paging, result.TotalCount));
    }

    private static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> GetAsync(Guid id, CallQueries calls, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        var business = await currentBusiness.GetAsync(ct);
        var call = await calls.GetAsync(id, ct);
        if (business is null || call is null)
        {
            return ApiProblems.NotFound("call");
        }
        var startedUtc = ApiTime.FromLocal(business, call.StartedLocal);
        var dto = new CallDto(call.Id, startedUtc, ApiTime.Local(business, startedUtc), call.Caller, call.CustomerId, call.CustomerName, call.DurationSeconds,
            call.Language, call.Outcome, call.Booking?.AppointmentId, call.IsTest, call.IsLive, call.Summary);
        var turns = call.Transcript.Select(t => new TranscriptTurnDto(t.Sequence, t.Speaker, t.Text, t.Offset.TotalSeconds, t.Confidence)).ToList();
        return TypedResults.Ok(new CallDetailDto(dto, call.FailureReason, call.RecordingUrl, turns));
    }
}
