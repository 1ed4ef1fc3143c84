using Microsoft.AspNetCore.Http.HttpResults;
using VoiceFlow.Web.Features.Booking;

namespace VoiceFlow.Web.Api;

/// <summary>Problem-details answers shared by the endpoints.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} with that id.");

    /// <summary>A booking-service refusal as problem details: unknown ids are 404, impossible times 409, bad requests 400.</summary>
    public static ProblemHttpResult FromBooking(BookingResult result)
    {
        var code = result.Code ?? "booking.failed";
        var status = result.Status switch
        {
            BookingStatus.Unavailable or BookingStatus.Duplicate => StatusCodes.Status409Conflict,
            _ when code is "appointment.unknown" => StatusCodes.Status404NotFound,
            _ when code is "appointment.conflict" => StatusCodes.Status409Conflict,
            _ when code.StartsWith("appointment.", StringComparison.Ordinal) => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (result.AlternativeSlots.Count > 0)
        {
            extensions["alternatives"] = result.AlternativeSlots.Select(s => new { startUtc = ApiTime.Utc(s.StartUtc), endUtc = ApiTime.Utc(s.EndUtc), s.StaffMemberId }).ToList();
        }
        if (result.Status == BookingStatus.Duplicate && result.Appointment is { } existing)
        {
            extensions["existingAppointmentId"] = existing.Id;
        }
        return TypedResults.Problem(statusCode: status, title: status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status409Conflict => "Conflict",
            _ => "Invalid request",
        }, detail: result.Message, extensions: extensions);
    }
}
