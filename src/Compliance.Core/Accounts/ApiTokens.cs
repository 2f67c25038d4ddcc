using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Accounts;

public sealed record CreatedApiToken(Guid Id, string Token);

/// <summary>Creates, revokes and checks API tokens. Each creation, revocation and (hourly) use is in the audit trail.</summary>
public sealed class ApiTokens(ComplianceDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<(CreatedApiToken? Token, List<FieldError> Errors)> CreateAsync(string? name, IReadOnlyCollection<string> scopes, Guid actingUserId, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) errors.Add(new("Name", "Enter a name that says what the token is for, for example \"HR system nightly sync\"."));
        else if (trimmed.Length > 100) errors.Add(new("Name", "The name must be 100 characters or fewer."));
        if (scopes.Count == 0) errors.Add(new("Scopes", "Choose at least one thing the token may do."));
        else if (scopes.Any(s => !ApiScopes.All.Contains(s))) errors.Add(new("Scopes", "Choose from the listed permissions."));
        if (errors.Count > 0) return (null, errors);

        var secret = Secrets.New(ApiToken.Prefix);
        var token = new ApiToken(trimmed!, Secrets.Hash(secret), secret[..(ApiToken.Prefix.Length + 4)], scopes, actingUserId, clock.GetUtcNow().UtcDateTime);
        db.ApiTokens.Add(token);
        await audit.SaveAsync(db, AuditEvent.For("api-token.created", "ApiToken", token.Id,
            $"API token \"{token.Name}\" created with {string.Join(", ", token.Scopes)}"), ct);
        return (new CreatedApiToken(token.Id, secret), []);
    }

    public async Task<string?> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FindAsync([id], ct);
        if (token is null) return "That token no longer exists.";
        if (token.IsRevoked) return null;
        token.Revoke(clock.GetUtcNow().UtcDateTime);
        await audit.SaveAsync(db, AuditEvent.For("api-token.revoked", "ApiToken", token.Id, $"API token \"{token.Name}\" revoked"), ct);
        return null;
    }

    /// <summary>The live token with this secret, its use recorded; null for an unknown or revoked one.</summary>
    public async Task<ApiToken?> AuthenticateAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100 || !secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal)) return null;
        var hash = Secrets.Hash(secret);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.SecretHash == hash, ct);
        if (token is null || token.IsRevoked) return null;
        var (changed, firstThisHour) = token.RecordUse(clock.GetUtcNow().UtcDateTime);
        if (firstThisHour)
        {
            await audit.SaveAsAsync(db, ActorFor(token), AuditEvent.For("api-token.used", "ApiToken", token.Id, $"API token \"{token.Name}\" used"), ct);
        }
        else if (changed)
        {
            await db.SaveChangesAsync(ct);
        }
        return token;
    }

    public static AuditActorInfo ActorFor(ApiToken token) => new($"token:{token.Id}", $"API token \"{token.Name}\"");
}
