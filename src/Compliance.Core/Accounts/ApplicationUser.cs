using Microsoft.AspNetCore.Identity;

namespace Compliance.Core.Accounts;

public sealed class ApplicationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>The roles of PRODUCT.md. A person may hold several.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string HRManager = "HRManager";
    public const string CaseHandler = "CaseHandler";
    public const string Manager = "Manager";
    public const string Director = "Director";

    public static readonly IReadOnlyList<string> All = [Administrator, HRManager, CaseHandler, Manager, Director];

    public static string Label(string role) => role switch
    {
        HRManager => "HR manager",
        CaseHandler => "Case handler",
        Manager => "Line manager",
        _ => role,
    };
}
