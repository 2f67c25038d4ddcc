using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Employees;

public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Number, string Name, string Site, string? Department, string? JobTitle, DateOnly? LeavingDate, bool Manager, bool CustomerFacing, bool LoneOrNight, bool Agency);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Site { get; set; }
    [BindProperty(SupportsGet = true)] public bool Leavers { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Row> Employees { get; private set; } = [];
    public List<(Guid Id, string Name)> Sites { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var today = Today;
        Sites = await db.Sites.ChoicesAsync(ct);
        var query = db.Employees.AsNoTracking();
        if (!Leavers)
        {
            query = query.Where(e => e.LeavingDate == null || e.LeavingDate > today);
        }
        if (Site is { } siteId)
        {
            query = query.Where(e => e.SiteId == siteId);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Case-insensitive on both databases; Contains escapes %, _ and the escape character itself.
            var term = Q.Trim().ToLowerInvariant();
            query = query.Where(e => e.EmployeeNumber.ToLower().Contains(term) || (e.FirstName + " " + e.LastName).ToLower().Contains(term) || (e.WorkEmail ?? "").ToLower().Contains(term));
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Employees = await query.OrderBy(e => e.LastName).ThenBy(e => e.FirstName).ThenBy(e => e.EmployeeNumber)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.Id, e.EmployeeNumber, e.FirstName + " " + e.LastName,
                db.Sites.Where(s => s.Id == e.SiteId).Select(s => s.Name).First(),
                db.Departments.Where(d => d.Id == e.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                e.JobTitle, e.LeavingDate, e.IsManager, e.IsCustomerFacing, e.IsLoneWorker || e.IsNightWorker, e.IsAgencyOrContractor))
            .ToListAsync(ct);
    }

    public string PageLink(int page) =>
        Url.Page("/Admin/Employees/Index", new { q = Q, site = Site, leavers = Leavers ? true : (bool?)null, p = page })!;
}
