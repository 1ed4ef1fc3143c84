using Microsoft.AspNetCore.Http.HttpResults;
using VoiceFlow.Domain.Scheduling;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Api;

/// <summary>/api/v1/availability: free slots for a service, from the scheduling snapshot and the availability engine.</summary>
public static class AvailabilityEndpoints
{
    private const int MaxSlots = 200;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(62);

    public static RouteGroupBuilder MapAvailabilityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/availability", FindAsync).WithTags("Availability").WithName("FindAvailability")
            .WithSummary("Free slots for a service between from and to (ISO-8601 instants with offset; default: the next 7 days)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<SlotDto>>, ValidationProblem, ProblemHttpResult>> FindAsync(
        Guid? serviceId, Guid? staffMemberId, DateTimeOffset? from, DateTimeOffset? to, int? max,
        BookingService booking, Features.Businesses.CurrentBusiness currentBusiness, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (serviceId is null)
        {
            errors["serviceId"] = ["serviceId is required."];
        }
        var fromUtc = (from ?? time.GetUtcNow()).UtcDateTime;
        var toUtc = (to ?? (from ?? time.GetUtcNow()).AddDays(7)).UtcDateTime;
        if (toUtc <= fromUtc)
        {
            errors["to"] = ["to must be after from."];
        }
        else if (toUtc - fromUtc > MaxWindow)
        {
            errors["to"] = [$"Ask for at most {MaxWindow.TotalDays} days at a time."];
        }
        var count = max ?? 50;
        if (count is < 1 or > MaxSlots)
        {
            errors["max"] = [$"max must be between 1 and {MaxSlots}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var business = await currentBusiness.GetAsync(ct);
        var result = await booking.FindSlotsAsync(serviceId!.Value, staffMemberId, fromUtc, toUtc, count, ct);
        if (business is null || result.Error is AvailabilityError.UnknownService)
        {
            return ApiProblems.NotFound("service");
        }
        if (result.Error is AvailabilityError.UnknownStaffMember)
        {
            return ApiProblems.NotFound("staff member");
        }
        if (!result.IsSuccess)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: BookingService.Describe(result.Error),
                extensions: new Dictionary<string, object?> { ["code"] = "availability." + result.Error.ToString().ToLowerInvariant() });
        }
        IReadOnlyList<SlotDto> slots = result.Slots
            .Select(s => new SlotDto(ApiTime.Utc(s.StartUtc), ApiTime.Utc(s.EndUtc), ApiTime.Local(business, s.StartUtc), s.StaffMemberId)).ToList();
        return TypedResults.Ok(slots);
    }
}
