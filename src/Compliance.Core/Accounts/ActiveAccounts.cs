using Compliance.Core.Data;

namespace Compliance.Core.Accounts;

public static class ActiveAccounts
{
    /// <summary>People who hold the role now: a password chosen, not disabled.</summary>
    public static IQueryable<ApplicationUser> InRole(ComplianceDbContext db, string role)
    {
        var roleId = db.Roles.Where(r => r.Name == role).Select(r => r.Id);
        return db.Users.Where(u => u.DisabledAtUtc == null && u.PasswordHash != null
            && db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
    }
}
