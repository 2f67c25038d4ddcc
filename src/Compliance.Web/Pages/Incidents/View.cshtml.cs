using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.ThirdParty;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Incidents;

public sealed class ViewModel(ComplianceDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ThirdPartyIncident Incident { get; private set; } = null!;
    public string Site { get; private set; } = "";
    public string? AffectedEmployee { get; private set; }
    public (Guid Id, string Title)? Assessment { get; private set; }

    /// <summary>An incident at a site the person cannot see is answered as not found, so its existence is not given away.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var incident = await db.VisibleIncidents(User).AsNoTracking().SingleOrDefaultAsync(i => i.Id == Id, ct);
        if (incident is null) return NotFound();
        Incident = incident;
        Site = await db.Sites.Where(s => s.Id == incident.SiteId).Select(s => s.Name).SingleAsync(ct);
        // A line manager sees the name only of someone in their own team; otherwise only that a person was recorded.
        var people = IncidentAccess.SeesAllSites(User) ? db.Employees : db.EmployeesVisibleTo(Web.Infrastructure.CurrentUser.Id(User));
        AffectedEmployee = incident.AffectedEmployeeId is null ? null : await people.Where(e => e.Id == incident.AffectedEmployeeId).Select(e => e.FirstName + " " + e.LastName + " (" + e.EmployeeNumber + ")").SingleOrDefaultAsync(ct) ?? "Recorded (not in your team)";
        var assessment = await db.RiskAssessments.Where(a => a.Id == incident.RiskAssessmentId).Select(a => new { a.Id, a.Title }).SingleOrDefaultAsync(ct);
        Assessment = assessment is null ? null : (assessment.Id, assessment.Title);
        return Page();
    }
}
