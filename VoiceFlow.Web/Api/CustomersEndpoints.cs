using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using VoiceFlow.Domain.Customers;
using VoiceFlow.Web.Features.Businesses;
using VoiceFlow.Web.Features.Customers;

namespace VoiceFlow.Web.Api;

/// <summary>/api/v1/customers: search and page, read one, update contact details and notes (audited).</summary>
public static class CustomersEndpoints
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers");
        group.MapGet("/", ListAsync).WithName("ListCustomers").WithSummary("Customers, searched by name or phone, paged");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCustomer").WithSummary("One customer with appointments and calls");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateCustomer").WithSummary("Replace contact details");
        group.MapPut("/{id:guid}/notes", UpdateNotesAsync).WithName("UpdateCustomerNotes").WithSummary("Replace notes");
        return api;
    }

    private static async Task<Results<Ok<PagedResponse<CustomerDto>>, ValidationProblem>> ListAsync(
        HttpRequest request, CustomersService customers, CurrentBusiness currentBusiness, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = PageQuery.From(page, pageSize, errors);
        var text = ApiInput.Search(search, "search", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var business = await currentBusiness.GetAsync(ct);
        var result = await customers.QueryAsync(text, null, false, paging.Index, paging.PageSize, ct);
        var items = business is null
            ? []
            : result.Items.Select(r => new CustomerDto(r.Id, r.Name, ToE164(r.Phone), r.Language, r.SmsOptedOut,
                r.NextAppointmentLocal is { } next ? ApiTime.FromLocal(business, next) : null,
                r.LastCallLocal is { } call ? ApiTime.FromLocal(business, call) : null)).ToList();
        return TypedResults.Ok(PagedResponse.Create(request, items, paging, result.Total));
    }

    private static async Task<Results<Ok<CustomerDetailDto>, ProblemHttpResult>> GetAsync(Guid id, CustomersService customers, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        var dto = await LoadAsync(id, customers, currentBusiness, ct);
        return dto is null ? ApiProblems.NotFound("customer") : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<CustomerDetailDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateCustomerRequest body, ClaimsPrincipal user, CustomersService customers, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ApiInput.MaxLength(body.Name, 200, "name", errors);
        ApiInput.MaxLength(body.Phone, 32, "phone", errors);
        ApiInput.MaxLength(body.Email, 256, "email", errors);
        var language = ApiInput.Language(body.Language, "language", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var existing = await LoadAsync(id, customers, currentBusiness, ct);
        if (existing is null)
        {
            return ApiProblems.NotFound("customer");
        }
        var contact = new CustomerContact
        {
            Name = body.Name?.Trim() ?? "",
            Phone = body.Phone ?? "",
            Email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim(),
            Language = language ?? existing.Language,
            SmsOptedOut = body.SmsOptedOut,
        };
        var saved = await customers.UpdateContactAsync(id, contact, ApiActor.Of(user), ct);
        return await AnswerAsync(id, saved, customers, currentBusiness, ct);
    }

    private static async Task<Results<Ok<CustomerDetailDto>, ValidationProblem, ProblemHttpResult>> UpdateNotesAsync(
        Guid id, UpdateNotesRequest body, ClaimsPrincipal user, CustomersService customers, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        if (await LoadAsync(id, customers, currentBusiness, ct) is null)
        {
            return ApiProblems.NotFound("customer");
        }
        var saved = await customers.UpdateNotesAsync(id, string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes, ApiActor.Of(user), ct);
        return await AnswerAsync(id, saved, customers, currentBusiness, ct);
    }

    private static async Task<Results<Ok<CustomerDetailDto>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid id, CustomerSaveResult saved, CustomersService customers, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        if (!saved.Succeeded)
        {
            return saved.Field is null
                ? ApiProblems.NotFound("customer")
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [JsonName(saved.Field)] = [saved.Message ?? "Not valid."] });
        }
        var dto = await LoadAsync(id, customers, currentBusiness, ct);
        return dto is null ? ApiProblems.NotFound("customer") : TypedResults.Ok(dto);
    }

    private static async Task<CustomerDetailDto?> LoadAsync(Guid id, CustomersService customers, CurrentBusiness currentBusiness, CancellationToken ct)
    {
        var business = await currentBusiness.GetAsync(ct);
        var profile = await customers.GetProfileAsync(id, ct);
        if (business is null || profile is null)
        {
            return null;
        }
        var appointments = profile.Appointments.Select(a =>
        {
            var startUtc = ApiTime.FromLocal(business, a.StartLocal);
            var endUtc = ApiTime.FromLocal(business, a.EndLocal);
            return new AppointmentDto(a.Id, a.CustomerId, a.CustomerName, a.ServiceId, a.ServiceName, a.StaffMemberId, a.StaffName,
                startUtc, endUtc, ApiTime.Local(business, startUtc), ApiTime.Local(business, endUtc), a.Status, a.Source);
        }).ToList();
        var calls = profile.Calls.Select(c =>
        {
            var startedUtc = ApiTime.FromLocal(business, c.StartedLocal);
            return new CallDto(c.Id, startedUtc, ApiTime.Local(business, startedUtc), profile.PhoneE164, profile.Id, profile.Name, c.DurationSeconds,
                null, c.Outcome, null, false, false, c.Summary);
        }).ToList();
        return new CustomerDetailDto(profile.Id, profile.Name, profile.PhoneE164, profile.Email, profile.Language, profile.SmsOptedOut, profile.Notes,
            ApiTime.FromLocal(business, profile.CreatedLocal), appointments, calls);
    }

    private static string ToE164(string phone) => PhoneNumber.TryParse(phone, out var parsed) && parsed is not null ? parsed.E164 : phone;

    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
