using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages;

public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public string OrganisationName { get; private set; } = "";
    public bool OperatesOutsideDuty { get; private set; }
    public int Sites { get; private set; }
    public int Departments { get; private set; }
    public int CurrentEmployees { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(ct);
        OrganisationName = organisation.Name;
        OperatesOutsideDuty = organisation.OperatesOutsideDuty;
        Sites = await db.Sites.CountAsync(ct);
        Departments = await db.Departments.CountAsync(ct);
        var today = UkTime.Today(clock);
        CurrentEmployees = await db.Employees.CountAsync(e => e.LeavingDate == null || e.LeavingDate > today, ct);
    }
}
