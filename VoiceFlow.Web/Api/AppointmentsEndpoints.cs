using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VoiceFlow.Domain.Appointments;
using VoiceFlow.Web.Features.Appointments;
using VoiceFlow.Web.Features.Booking;
using VoiceFlow.Web.Features.Businesses;

namespace VoiceFlow.Web.Api;

/// <summary>/api/v1/appointments: list, read, book (idempotent), reschedule, cancel, confirm, complete, no-show.</summary>
public static class AppointmentsEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 100;
    private const int MaxNotesLength = 4000;
    private const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapAppointmentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/appointments").WithTags("Appointments");
        group.MapGet("/", ListAsync).WithName("ListAppointments").WithSummary("Appointments, filtered and paged");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetAppointment").WithSummary("One appointment");
        group.MapPost("/", BookAsync).WithName("BookAppointment").WithSummary("Book an appointment (send an Idempotency-Key header)");
        group.MapPost("/{id:guid}/reschedule", RescheduleAsync).WithName("RescheduleAppointment").WithSummary("Move an appointment");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelAppointment").WithSummary("Cancel an appointment");
        group.MapPost("/{id:guid}/confirm", (Guid id, ClaimsPrincipal user, BookingService booking, AppointmentsService appointments, CurrentBusiness business, CancellationToken ct) =>
            ChangeAsync(id, (b, actor) => b.ConfirmAsync(id, actor, ct), user, booking, appointments, business, ct)).WithName("ConfirmAppointment").WithSummary("Confirm an appointment");
        group.MapPost("/{id:guid}/complete", (Guid id, ClaimsPrincipal user, BookingService booking, AppointmentsService appointments, CurrentBusiness business, CancellationToken ct) =>
            ChangeAsync(id, (b, actor) => b.CompleteAsync(id, actor, ct), user, booking, appointments, business, ct)).WithName("CompleteAppointment").WithSummary("Mark an appointment completed");
        group.MapPost("/{id:guid}/no-show", (Guid id, ClaimsPrincipal user, BookingService booking, AppointmentsService appointments, CurrentBusiness business, CancellationToken ct) =>
            ChangeAsync(id, (b, actor) => b.MarkNoShowAsync(id, actor, ct), user, booking, appointments, business, ct)).WithName("MarkAppointmentNoShow").WithSummary("Mark a no-show");
        return api;
    }

    private static async Task<Results<Ok<PagedResponse<AppointmentDto>>, ValidationProblem>> ListAsync(
        HttpRequest request, AppointmentsService appointments, CurrentBusiness currentBusiness,
        string? from, string? to, string? status, Guid? staffMemberId, Guid? serviceId, string? customer, int? page, int? pageSize,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageQuery.From(page, pageSize, errors);
        var filter = new AppointmentFilter(ApiInput.Date(from, "from", errors), ApiInput.Date(to, "to", errors),
            ApiInput.Enum<AppointmentStatus>(status, "status", errors), staffMemberId, serviceId, ApiInput.Search(customer, "customer", errors));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var business = await currentBusiness.GetAsync(ct);
        var result = await appointments.QueryAsync(filter, null, false, paging.Index, paging.PageSize, ct);
        var items = business is null ? [] : result.Items.Select(i => ToDto(business, i)).ToList();
        return TypedResults.Ok(PagedResponse.Create(request, items, paging, result.Total));
    }

    private static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> GetAsync(Guid id, AppointmentsService appointments, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        var dto = await LoadAsync(id, appointments, currentBusiness, ct);
        return dto is null ? ApiProblems.NotFound("appointment") : TypedResults.Ok(dto);
    }

    private static async Task<Results<Created<AppointmentDto>, Ok<AppointmentDto>, ValidationProblem, ProblemHttpResult>> BookAsync(
        BookAppointmentRequest body, HttpRequest request, ClaimsPrincipal user, BookingService booking, AppointmentsService appointments,
        CurrentBusiness currentBusiness, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ServiceId is null)
        {
            errors["serviceId"] = ["serviceId is required."];
        }
        if (body.Start is null)
        {
            errors["start"] = ["start is required (ISO-8601 with an offset, e.g. 2026-03-15T14:00:00Z)."];
        }
        if (body.CustomerId is null)
        {
            if (string.IsNullOrWhiteSpace(body.CustomerName))
            {
                errors["customerName"] = ["Give customerId, or customerName and customerPhone."];
            }
            if (string.IsNullOrWhiteSpace(body.CustomerPhone))
            {
                errors["customerPhone"] = ["Give customerId, or customerName and customerPhone."];
            }
        }
        ApiInput.MaxLength(body.CustomerName, 200, "customerName", errors);
        ApiInput.MaxLength(body.CustomerPhone, 32, "customerPhone", errors);
        ApiInput.MaxLength(body.Notes, MaxNotesLength, "notes", errors);
        var language = ApiInput.Language(body.CustomerLanguage, "customerLanguage", errors);
        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            errors[IdempotencyHeader] = [$"The {IdempotencyHeader} header is at most {MaxIdempotencyKeyLength} visible ASCII characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await booking.BookAsync(new BookingRequest(body.ServiceId!.Value, body.StaffMemberId, body.Start!.Value.UtcDateTime, AppointmentSource.Api,
            ApiActor.Of(user), body.CustomerId, body.CustomerName?.Trim(), body.CustomerPhone, language,
            key.Length == 0 ? null : "api:" + key, string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes.Trim()), ct);
        if (!result.Succeeded || result.Appointment is null)
        {
            return ApiProblems.FromBooking(result);
        }
        var dto = await LoadAsync(result.Appointment.Id, appointments, currentBusiness, ct);
        if (dto is null)
        {
            return ApiProblems.NotFound("appointment");
        }
        return result.Status == BookingStatus.AlreadyBooked
            ? TypedResults.Ok(dto)
            : TypedResults.Created($"/api/v1/appointments/{dto.Id}", dto);
    }

    private static async Task<Results<Ok<AppointmentDto>, ValidationProblem, ProblemHttpResult>> RescheduleAsync(
        Guid id, RescheduleRequest body, ClaimsPrincipal user, BookingService booking, AppointmentsService appointments, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        if (body.Start is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["start"] = ["start is required (ISO-8601 with an offset)."] });
        }
        return await ChangeAsync(id, (b, actor) => b.RescheduleAsync(id, body.Start.Value.UtcDateTime, body.StaffMemberId, actor, ct),
            user, booking, appointments, currentBusiness, ct);
    }

    private static async Task<Results<Ok<AppointmentDto>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        Guid id, CancelRequest? body, ClaimsPrincipal user, BookingService booking, AppointmentsService appointments, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        if (body?.Reason is { Length: > MaxReasonLength })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"reason can have at most {MaxReasonLength} characters."] });
        }
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? null : body.Reason.Trim();
        return await ChangeAsync(id, (b, actor) => b.CancelAsync(id, reason, actor, ct), user, booking, appointments, currentBusiness, ct);
    }

    private static async Task<Results<Ok<AppointmentDto>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, Func<BookingService, string, Task<BookingResult>> change, ClaimsPrincipal user, BookingService booking,
        AppointmentsService appointments, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        // Another business's appointment answers exactly like a missing one.
        if (await LoadAsync(id, appointments, currentBusiness, ct) is null)
        {
            return ApiProblems.NotFound("appointment");
        }
        var result = await change(booking, ApiActor.Of(user));
        if (!result.Succeeded)
        {
            return ApiProblems.FromBooking(result);
        }
        var dto = await LoadAsync(id, appointments, currentBusiness, ct);
        return dto is null ? ApiProblems.NotFound("appointment") : TypedResults.Ok(dto);
    }

    private static async Task<AppointmentDto?> LoadAsync(Guid id, AppointmentsService appointments, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        var business = await currentBusiness.GetAsync(ct);
        var details = await appointments.GetDetailsAsync(id, ct);
        if (business is null || details is null)
        {
            return null;
        }
        var i = details.Item;
        var startUtc = ApiTime.Utc(details.StartUtc);
        var endUtc = startUtc + (i.EndLocal - i.StartLocal);
        return new AppointmentDto(i.Id, i.CustomerId, i.CustomerName, i.ServiceId, i.ServiceName, i.StaffMemberId, i.StaffName,
            startUtc, endUtc, ApiTime.Local(business, startUtc), ApiTime.Local(business, endUtc), i.Status, i.Source,
            details.CustomerPhone, details.Notes, details.CancellationReason);
    }

    private static AppointmentDto ToDto(BusinessSummary business, AppointmentItem i)
    {
        var startUtc = ApiTime.FromLocal(business, i.StartLocal);
        var endUtc = ApiTime.FromLocal(business, i.EndLocal);
        return new AppointmentDto(i.Id, i.CustomerId, i.CustomerName, i.ServiceId, i.ServiceName, i.StaffMemberId, i.StaffName,
            startUtc, endUtc, ApiTime.Local(business, startUtc), ApiTime.Local(business, endUtc), i.Status, i.Source);
    }
}
