using Microsoft.AspNetCore.Identity;

namespace Compliance.Core.Accounts;

public sealed class ApplicationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Set when an administrator disables the account: it cannot sign in and its sessions have ended.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    public DateTime? LastSignedInAtUtc { get; set; }

    /// <summary>Invited people have no password until they accept their invitation.</summary>
    public bool HasAcceptedInvitation => PasswordHash is not null;

    public bool IsDisabled => DisabledAtUtc is not null;
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

    /// <summary>These roles reach case files or the whole installation: no use of the app until two-factor sign-in is set up.</summary>
    public static readonly IReadOnlyList<string> RequiringTwoFactor = [Administrator, CaseHandler];

    public static string Label(string role) => role switch
    {
        HRManager => "HR manager",
        CaseHandler => "Case handler",
        Manager => "Line manager",
        _ => role,
    };
}
