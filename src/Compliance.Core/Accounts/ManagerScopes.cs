using Compliance.Core.Data;
using Compliance.Core.Employees;

namespace Compliance.Core.Accounts;

/// <summary>What a line manager may see: the employees at the sites and in the departments given to them, and no others.</summary>
public static class ManagerScopeQueries
{
    /// <remarks>The null checks matter: C# equality on two nulls is true, so "no department" would otherwise match every site scope.</remarks>
    public static IQueryable<Employee> EmployeesVisibleTo(this ComplianceDbContext db, Guid managerUserId) =>
        db.Employees.Where(e => db.ManagerScopes.Any(s => s.UserId == managerUserId &&
            ((s.SiteId != null && s.SiteId == e.SiteId) || (s.DepartmentId != null && s.DepartmentId == e.DepartmentId))));

    /// <summary>The sites given to a line manager: where they may log third-party incidents and see them.</summary>
    public static IQueryable<Guid> SitesOf(this ComplianceDbContext db, Guid managerUserId) =>
        db.ManagerScopes.Where(s => s.UserId == managerUserId && s.SiteId != null).Select(s => s.SiteId!.Value);
}
