using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Team;

/// <summary>A line manager's own people: only the sites and departments an administrator has given them.</summary>
public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(string Number, string Name, string Site, string? Department, string? JobTitle);

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Row> People { get; private set; } = [];
    public List<string> ScopeNames { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var me = CurrentUser.Id(User);
        var today = UkTime.Today(clock);
        ScopeNames = await db.ManagerScopes.AsNoTracking().Where(s => s.UserId == me)
            .Select(s => s.SiteId != null
                ? db.Sites.Where(x => x.Id == s.SiteId).Select(x => x.Name).First()
                : db.Departments.Where(x => x.Id == s.DepartmentId).Select(x => x.Name).First() + " (department)")
            .OrderBy(n => n).ToListAsync(ct);
        var query = db.EmployeesVisibleTo(me).AsNoTracking().Where(e => e.LeavingDate == null || e.LeavingDate > today);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        People = await query.OrderBy(e => e.LastName).ThenBy(e => e.FirstName).ThenBy(e => e.EmployeeNumber)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.EmployeeNumber, e.FirstName + " " + e.LastName,
                db.Sites.Where(s => s.Id == e.SiteId).Select(s => s.Name).First(),
                db.Departments.Where(d => d.Id == e.DepartmentId).Select(d => d.Name).FirstOrDefault(), e.JobTitle))
            .ToListAsync(ct);
    }

    public string PageLink(int page) => Url.Page("/Team/Index", new { p = page })!;
}
