using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VoiceFlow.Web.Api;

/// <summary>Describes the API's two ways in (bearer token from /api/v1/auth/login, or an X-Api-Key header) in the OpenAPI document.</summary>
internal sealed class ApiSecuritySchemes : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";
    public const string ApiKey = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "VoiceFlow API",
            Version = "v1",
            Description = "Appointments, availability, customers, calls and services of one business. Sign in with POST /api/v1/auth/login " +
                "(bearer and refresh tokens) or send a business API key in X-Api-Key (created by an owner in Settings > API keys). " +
                "Lists take ?page= (from 1) and ?pageSize= (at most 100). Errors are RFC 9457 problem details. Instants are UTC.",
        };
        // Identity's endpoints that the API does not offer (registration, e-mail flows, account changes) are left out.
        foreach (var path in document.Paths.Keys.Where(p => p.StartsWith("/api/v1/auth/", StringComparison.Ordinal)).ToList())
        {
            if (!AuthEndpoints.Offered.Any(o => path.EndsWith(o, StringComparison.Ordinal)))
            {
                document.Paths.Remove(path);
            }
            else if (path.EndsWith("/manage/info", StringComparison.Ordinal) && document.Paths[path].Operations is { } operations)
            {
                operations.Remove(HttpMethod.Post);
            }
        }
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "accessToken from POST /api/v1/auth/login; renew it with POST /api/v1/auth/refresh.",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A business API key (vf_...).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] });
        return Task.CompletedTask;
    }
}
