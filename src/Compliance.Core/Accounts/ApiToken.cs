namespace Compliance.Core.Accounts;

/// <summary>What an API token may do. A token holds one or more.</summary>
public static class ApiScopes
{
    public const string EmployeesWrite = "employees:write";
    public const string TrainingWrite = "training:write";
    public const string Read = "read";

    public static readonly IReadOnlyList<string> All = [EmployeesWrite, TrainingWrite, Read];

    public static string Describe(string scope) => scope switch
    {
        EmployeesWrite => "Create and change employees",
        TrainingWrite => "Record training completions",
        Read => "Read the employee directory",
        _ => scope,
    };
}

/// <summary>A credential for an integration: named, scoped, revocable; its secret is shown once and kept only as a hash.</summary>
public sealed class ApiToken
{
    public const string Prefix = "hpt_";

    private ApiToken()
    {
    }

    public ApiToken(string name, string secretHash, string hint, IEnumerable<string> scopes, Guid createdByUserId, DateTime nowUtc)
    {
        Id = RecordId.New();
        Name = name;
        SecretHash = secretHash;
        Hint = hint;
        Scopes = [.. scopes.Distinct().Order()];
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string SecretHash { get; private set; } = "";

    /// <summary>The first characters of the token, so people can tell their tokens apart without the secret.</summary>
    public string Hint { get; private set; } = "";

    public List<string> Scopes { get; private set; } = [];
    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? LastUsedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    /// <summary>
    /// Records a use, to the minute (so a busy integration does not write on every call). Changed: the last-use
    /// time moved; FirstThisHour: the audit trail notes this use (one per token per hour).
    /// </summary>
    public (bool Changed, bool FirstThisHour) RecordUse(DateTime nowUtc)
    {
        var last = LastUsedAtUtc;
        var firstThisHour = last is null || last.Value.Date != nowUtc.Date || last.Value.Hour != nowUtc.Hour;
        var changed = firstThisHour || nowUtc - last!.Value >= TimeSpan.FromMinutes(1);
        if (changed)
        {
            LastUsedAtUtc = nowUtc;
        }
        return (changed, firstThisHour);
    }
}

/// <summary>A site or a department a line manager is responsible for; a manager sees only these.</summary>
public sealed class ManagerScope
{
    private ManagerScope()
    {
    }

    public ManagerScope(Guid userId, Guid? siteId, Guid? departmentId)
    {
        if ((siteId is null) == (departmentId is null))
        {
            throw new ArgumentException("A manager's scope is one site or one department.");
        }
        Id = RecordId.New();
        UserId = userId;
        SiteId = siteId;
        DepartmentId = departmentId;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public Guid? SiteId { get; private set; }
    public Guid? DepartmentId { get; private set; }
}
