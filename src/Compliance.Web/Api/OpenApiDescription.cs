using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Compliance.Web.Api;

/// <summary>Marks an endpoint that reads a JSON body itself, so the document can still describe that body.</summary>
public sealed record JsonRequestBody(Type Type);

/// <summary>
/// Titles the document, gives its licence and tag descriptions, and declares the bearer-token scheme every
/// operation uses. The server address is the configured public address or none: never the request's Host
/// header, which anyone can set.
/// </summary>
public sealed class OpenApiDescription(IConfiguration configuration) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Harassment prevention API",
            Version = "v1",
            Description = "For integrations: keep the employee directory in step with an HR system. Authenticate with an API token " +
                "(Authorization: Bearer hpt_...) created by an administrator; each token carries scopes (employees:write, training:write, read).",
            License = new OpenApiLicense { Name = "AGPL-3.0-or-later", Url = new Uri("https://www.gnu.org/licenses/agpl-3.0.html") },
        };
        document.Servers = configuration["Compliance:PublicUrl"] is { Length: > 0 } publicUrl
            ? [new OpenApiServer { Url = publicUrl.TrimEnd('/'), Description = "This installation" }]
            : [];
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Employees", Description = "The employee directory: create, change and read one employee at a time, by employee number." },
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

    public static async Task DescribeJsonBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().FirstOrDefault() is not { } body)
        {
            return;
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) } },
        };
    }
}
