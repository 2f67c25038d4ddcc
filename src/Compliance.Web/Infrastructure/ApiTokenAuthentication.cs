using System.Security.Claims;
using System.Text.Encodings.Web;
using Compliance.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Infrastructure;

/// <summary>
/// `Authorization: Bearer hpt_…` for /api/v1. The API accepts nothing else (no cookie, so no cross-site
/// request can use a signed-in person's session). Refusals are problem details: 401 for a missing,
/// unknown or revoked token, 403 for a token without the scope.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "scope";
    public const string ActorClaim = "audit_actor";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }
        var actor = ApiTokens.ActorFor(token);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, token.Id.ToString()),
            new(ClaimTypes.Name, actor.Name),
            new(ActorClaim, actor.Id),
        };
        claims.AddRange(token.Scopes.Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Not authenticated",
            "Send a live API token as 'Authorization: Bearer <token>'. An administrator creates tokens under Admin, API tokens.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed", "This token does not have the permission (scope) this request needs.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
    }

    public static string Policy(string scope) => "api:" + scope;

    public static void AddPolicies(AuthorizationBuilder builder)
    {
        foreach (var scope in ApiScopes.All)
        {
            builder.AddPolicy(Policy(scope), p => p.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser().RequireClaim(ScopeClaim, scope));
        }
    }
}
