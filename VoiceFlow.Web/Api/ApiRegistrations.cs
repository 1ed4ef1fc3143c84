using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;
using VoiceFlow.Infrastructure.Identity;
using VoiceFlow.Web.Features.ApiKeys;

namespace VoiceFlow.Web.Api;

/// <summary>The REST API /api/v1: authentication (bearer tokens, API keys), problem details, OpenAPI at /openapi/v1.json and its reference at /docs.</summary>
public static class ApiRegistrations
{
    /// <summary>Picks how a request authenticates: on /api a bearer token or an API key (never the portal cookie: no CSRF on the API); elsewhere the cookie.</summary>
    public const string SelectorScheme = "vf.select";
    public const string Policy = "Api";
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddVoiceFlowApi(this IServiceCollection services)
    {
        services.AddScoped<ApiKeyService>();
        new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), services).AddApiEndpoints();
        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(15);
                o.RefreshTokenExpiration = TimeSpan.FromDays(14);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(SelectorScheme, "Bearer, API key or cookie", o => o.ForwardDefaultSelector = SelectScheme);
        // Registered after the portal's AddAuthentication, so this default wins; the portal's cookie stays the scheme for pages.
        services.Configure<AuthenticationOptions>(o => o.DefaultScheme = SelectorScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(IdentityConstants.BearerScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(Roles.BusinessClaim));

        services.AddProblemDetails();
        // Malformed parameters and bodies answer 400 problem details, in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            o.AddDocumentTransformer<ApiSecuritySchemes>();
        });
        return services;
    }

    internal static string SelectScheme(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return IdentityConstants.ApplicationScheme;
        }
        return context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            ? ApiKeyAuthenticationHandler.SchemeName
            : IdentityConstants.BearerScheme;
    }

    /// <summary>For /api only: bodies within limits, failures and empty error statuses as problem details.</summary>
    public static IApplicationBuilder UseVoiceFlowApi(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            api.UseStatusCodePages();
            api.Use(async (context, next) =>
            {
                if (context.Request.ContentLength is > MaxBodyBytes)
                {
                    await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
                        detail: $"Request bodies are at most {MaxBodyBytes / 1024} KB.").ExecuteAsync(context);
                    return;
                }
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = MaxBodyBytes;
                }
                await next(context);
            });
        });

    public static IEndpointRouteBuilder MapVoiceFlowApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiAuth();
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(Policy)
            .DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                if (ApiInput.FieldWithNul(context.Arguments) is { } field)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Text may not contain NUL characters."] });
                }
                try
                {
                    return await next(context);
                }
                catch (Domain.Common.DomainException ex)
                {
                    // A business rule said no (e.g. completing a cancelled appointment): the request conflicts with the record's state.
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: ex.Message,
                        extensions: new Dictionary<string, object?> { ["code"] = ex.Code });
                }
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapAppointmentsApi();
        api.MapAvailabilityApi();
        api.MapCustomersApi();
        api.MapCallsApi();
        api.MapServicesApi();

        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference("/docs", o => o.WithTitle("VoiceFlow API").AddPreferredSecuritySchemes(ApiSecuritySchemes.Bearer));
        return endpoints;
    }
}
