using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Core.Employees;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Organisation;

public sealed record SaveSiteInput(Guid? Id, string? Name, Nation? Nation, string? Postcode);

/// <summary>Adds a site or changes one. Names are unique, ignoring case, so imports can match them.</summary>
public sealed class SaveSite(ComplianceDbContext db, AuditTrail audit)
{
    public async Task<(Guid? Id, List<FieldError> Errors)> HandleAsync(SaveSiteInput input, CancellationToken ct = default)
    {
        var (name, errors) = await CheckNameAsync(input.Name, "site", db.Sites.Where(s => s.Id != input.Id).Select(s => s.Name), ct);
        if (input.Nation is null || !Enum.IsDefined(input.Nation.Value)) errors.Add(new(nameof(input.Nation), "Choose the nation the site is in."));
        if (input.Postcode is { Length: > 10 }) errors.Add(new(nameof(input.Postcode), "A postcode is 10 characters or fewer."));

        Site? site = null;
        if (input.Id is { } id && (site = await db.Sites.FindAsync([id], ct)) is null)
        {
            errors.Add(new("", "That site no longer exists."));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        string action;
        if (site is null)
        {
            site = new Site(name, input.Nation!.Value, input.Postcode);
            db.Sites.Add(site);
            action = "site.added";
        }
        else
        {
            site.Update(name, input.Nation!.Value, input.Postcode);
            action = "site.changed";
        }
        var summary = $"Site \"{site.Name}\" in {site.Nation.DisplayName()}" + (site.IsOutsideDuty ? " (outside the s.40A duty)" : "");
        await audit.SaveAsync(db, AuditEvent.For(action, "Site", site.Id, summary), ct);
        return (site.Id, errors);
    }

    /// <summary>Site and department names: required, at most 200 characters, unique ignoring case (imports match them that way).</summary>
    internal static async Task<(string Name, List<FieldError> Errors)> CheckNameAsync(string? input, string kind, IQueryable<string> otherNames, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var name = input?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("Name", $"Enter the {kind}'s name."));
        else if (name.Length > 200) errors.Add(new("Name", "The name must be 200 characters or fewer."));
        else if (await otherNames.AnyAsync(n => n.ToLower() == name.ToLower(), ct))
            errors.Add(new("Name", $"There is already a {kind} called \"{name}\"."));
        return (name, errors);
    }
}

public sealed record SaveDepartmentInput(Guid? Id, string? Name);

public sealed class SaveDepartment(ComplianceDbContext db, AuditTrail audit)
{
    public async Task<(Guid? Id, List<FieldError> Errors)> HandleAsync(SaveDepartmentInput input, CancellationToken ct = default)
    {
        var (name, errors) = await SaveSite.CheckNameAsync(input.Name, "department", db.Departments.Where(d => d.Id != input.Id).Select(d => d.Name), ct);

        Department? department = null;
        if (input.Id is { } id && (department = await db.Departments.FindAsync([id], ct)) is null)
        {
            errors.Add(new("", "That department no longer exists."));
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        if (department is null)
        {
            department = new Department(name);
            db.Departments.Add(department);
        }
        else
        {
            department.Rename(name);
        }
        var action = input.Id is null ? "department.added" : "department.renamed";
        await audit.SaveAsync(db, AuditEvent.For(action, "Department", department.Id, $"Department \"{department.Name}\""), ct);
        return (department.Id, errors);
    }
}
