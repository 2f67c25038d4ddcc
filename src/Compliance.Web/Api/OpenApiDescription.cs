using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Compliance.Web.Api;

/// <summary>Titles the document and declares the bearer-token scheme every operation uses.</summary>
public sealed class OpenApiDescription : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Harassment prevention API",
            Version = "v1",
            Description = "For integrations: keep the employee directory in step with an HR system. Authenticate with an API token " +
                "(Authorization: Bearer hpt_...) created by an administrator; each token carries scopes (employees:write, training:write, read).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiToken"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token created under Admin, API tokens.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiToken", document)] = [] }];
        return Task.CompletedTask;
    }
}
