using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Accounts;

public static class AccountRules
{
    /// <summary>Length beats composition rules (NCSC password guidance): at least 12 characters, nothing else forced.</summary>
    public const int MinimumPasswordLength = 12;

    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>The checks on a newly chosen password that come before Identity's own (common passwords, name, email).</summary>
    public static List<FieldError> CheckNewPassword(string? password, string? confirm)
    {
        if (string.IsNullOrEmpty(password)) return [new("Password", "Choose a password.")];
        if (password.Length < MinimumPasswordLength)
        {
            return [new("Password", $"The password must be at least {MinimumPasswordLength} characters long. A few unrelated words make a strong one.")];
        }
        return password == confirm ? [] : [new("ConfirmPassword", "The two passwords do not match.")];
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = RecordId.New() });
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    public static Task<bool> OrganisationExistsAsync(ComplianceDbContext db, CancellationToken ct = default) =>
        db.Organisations.AnyAsync(ct);
}
