using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Policies;

/// <summary>
/// Who has acknowledged the version in force, counted over the people it is for today: in total, by site, by
/// department and by the audiences a policy can name. Grouped queries, whatever the number of people.
/// </summary>
public static class PolicyCoverage
{
    /// <summary>Whole per cent, rounded down, so that 99.9% never shows as 100%.</summary>
    private static int PercentOf(int part, int whole) => Common.Percent.Of(part, whole);

    public sealed record Totals(int InScope, int Acknowledged, int Asked, int WithoutEmail)
    {
        public int Percent => PercentOf(Acknowledged, InScope);
        public int Outstanding => InScope - Acknowledged;
    }

    public sealed record Group(Guid? Id, string Name, int InScope, int Acknowledged)
    {
        public int Percent => PercentOf(Acknowledged, InScope);
    }

    public sealed record Person(Guid Id, string EmployeeNumber, string Name, string Site, string? Department, string? WorkEmail, DateOnly? AskedOn, DateOnly? LastSentOn, int TimesSent);

    private static IQueryable<Guid> AcknowledgedIds(ComplianceDbContext db, Guid policyId, PolicyVersion version) =>
        db.PolicyAcknowledgements.Where(a => a.PolicyId == policyId && a.Round == version.AcknowledgementRound).Select(a => a.EmployeeId);

    /// <summary>The totals alone (the policy list, the policy's page, the daily audit count).</summary>
    public static async Task<Totals> TotalsAsync(ComplianceDbContext db, Guid policyId, PolicyVersion version, DateOnly today, CancellationToken ct) =>
        (await CountsAsync(db, policyId, version, today, ct)).Totals;

    public sealed record Summary(Totals Totals, List<Group> Sites, List<Group> Departments, List<Group> Audiences);

    /// <summary>The totals, and by site, by department (and "No department"), and by audience (managers, customer-facing staff).</summary>
    public static async Task<Summary> SummaryAsync(ComplianceDbContext db, Guid policyId, PolicyVersion version, DateOnly today, CancellationToken ct)
    {
        var (totals, rows) = await CountsAsync(db, policyId, version, today, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var bySite = rows.GroupBy(r => r.SiteId).Select(g => new Group(g.Key, sites.GetValueOrDefault(g.Key, "Unknown site"), g.Sum(r => r.InScope), g.Sum(r => r.Acknowledged)))
            .OrderBy(g => g.Percent).ThenBy(g => g.Name, StringComparer.CurrentCulture).ToList();
        var byDepartment = rows.GroupBy(r => r.DepartmentId)
            .Select(g => new Group(g.Key, g.Key is { } d ? departments.GetValueOrDefault(d, "Unknown department") : "No department", g.Sum(r => r.InScope), g.Sum(r => r.Acknowledged)))
            .OrderBy(g => g.Percent).ThenBy(g => g.Name, StringComparer.CurrentCulture).ToList();
        var audiences = new List<Group>
        {
            new(null, "Managers", rows.Where(r => r.IsManager).Sum(r => r.InScope), rows.Where(r => r.IsManager).Sum(r => r.Acknowledged)),
            new(null, "Customer-facing staff", rows.Where(r => r.IsCustomerFacing).Sum(r => r.InScope), rows.Where(r => r.IsCustomerFacing).Sum(r => r.Acknowledged)),
        };
        return new(totals, bySite, byDepartment, [.. audiences.Where(a => a.InScope > 0)]);
    }

    private sealed record Counts(Guid SiteId, Guid? DepartmentId, bool IsManager, bool IsCustomerFacing, int InScope, int Acknowledged, int WithoutEmail);

    /// <summary>
    /// One grouped query over the people in scope (whether each has acknowledged is looked up in the round's
    /// acknowledgements, read once), and a count of those asked for the progress of a sending.
    /// </summary>
    private static async Task<(Totals Totals, List<Counts> Rows)> CountsAsync(ComplianceDbContext db, Guid policyId, PolicyVersion version, DateOnly today, CancellationToken ct)
    {
        var acknowledged = AcknowledgedIds(db, policyId, version);
        var rows = await PolicyDistribution.InScope(db, version, today)
            .GroupBy(e => new { e.SiteId, e.DepartmentId, e.IsManager, e.IsCustomerFacing })
            .Select(g => new Counts(g.Key.SiteId, g.Key.DepartmentId, g.Key.IsManager, g.Key.IsCustomerFacing, g.Count(),
                g.Count(e => acknowledged.Contains(e.Id)), g.Count(e => e.WorkEmail == null)))
            .ToListAsync(ct);
        // Counted over the requests rather than looked up per person: cheaper, and the same number.
        var asked = await db.PolicyRecipients.Where(r => r.PolicyId == policyId && r.Round == version.AcknowledgementRound)
            .Join(PolicyDistribution.InScope(db, version, today), r => r.EmployeeId, e => e.Id, (r, _) => r.Id).CountAsync(ct);
        return (new Totals(rows.Sum(r => r.InScope), rows.Sum(r => r.Acknowledged), asked, rows.Sum(r => r.WithoutEmail)), rows);
    }

    /// <summary>
    /// The people in scope who have not acknowledged, by name, optionally at one site or in one department, or among
    /// a given set of people (a line manager's team).
    /// </summary>
    public static IQueryable<Person> Outstanding(ComplianceDbContext db, Guid policyId, PolicyVersion version, DateOnly today, Guid? siteId, Guid? departmentId,
        IQueryable<Employee>? among = null)
    {
        var acknowledged = AcknowledgedIds(db, policyId, version);
        var people = PolicyDistribution.InScope(db, version, today).Where(e => !acknowledged.Contains(e.Id));
        if (among is not null) people = people.Where(e => among.Any(x => x.Id == e.Id));
        if (siteId is { } s) people = people.Where(e => e.SiteId == s);
        if (departmentId is { } d) people = people.Where(e => e.DepartmentId == d);
        var requests = db.PolicyRecipients.Where(r => r.PolicyId == policyId && r.Round == version.AcknowledgementRound);
        return from e in people
               join site in db.Sites on e.SiteId equals site.Id
               join department in db.Departments on e.DepartmentId equals department.Id into ds
               from department in ds.DefaultIfEmpty()
               join request in requests on e.Id equals request.EmployeeId into rs
               from request in rs.DefaultIfEmpty()
               orderby e.LastName, e.FirstName, e.EmployeeNumber
               select new Person(e.Id, e.EmployeeNumber, e.FirstName + " " + e.LastName, site.Name, department == null ? null : department.Name, e.WorkEmail,
                   request == null ? null : request.AskedOn, request == null ? null : request.LastSentOn, request == null ? 0 : request.TimesSent);
    }
}
