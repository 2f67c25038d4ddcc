using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.Reminders;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages;

public sealed class IndexModel(ComplianceDbContext db, IOptions<CaseOptions> caseOptions, IOptions<ReminderOptions> reminders, TimeProvider clock, Core.Scoring.LegalTimeline timeline, Core.Scoring.StepEvidence evidence, Core.Scoring.PositionToday position) : PageModel
{
    public string OrganisationName { get; private set; } = "";
    public bool OperatesOutsideDuty { get; private set; }
    public int Sites { get; private set; }
    public int Departments { get; private set; }
    public int CurrentEmployees { get; private set; }
    public int SitesWithoutAssessment { get; private set; }
    public int ReviewsDue { get; private set; }
    public int OverdueActions { get; private set; }
    public HandlerSummary? Cases { get; private set; }
    public Core.Scoring.LegalStandard? Standard { get; private set; }
    public List<Position.IndexModel.Row>? Position { get; private set; }
    public int NoticeDays => reminders.Value.CaseDeadlineNoticeDays;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var organisation = await db.Organisations.AsNoTracking().TheOneAsync(ct);
        OrganisationName = organisation.Name;
        OperatesOutsideDuty = organisation.OperatesOutsideDuty;
        Sites = await db.Sites.CountAsync(ct);
        Departments = await db.Departments.CountAsync(ct);
        var today = UkTime.Today(clock);
        CurrentEmployees = await db.Employees.CountAsync(e => e.LeavingDate == null || e.LeavingDate > today, ct);
        if (User.IsInRole(Core.Accounts.Roles.HRManager) || User.IsInRole(Core.Accounts.Roles.Director))
        {
            SitesWithoutAssessment = await db.Sites.CountAsync(s => !db.RiskAssessments.Any(a => a.SiteId == s.Id), ct);
            ReviewsDue = await db.RiskAssessments.DueForReview(today).CountAsync(ct);
            OverdueActions = await db.RiskActions.Overdue(today).CountAsync(ct);
            Position = Compliance.Web.Pages.Position.IndexModel.RowsOf(await position.ScoresAsync(evidence, ct));
        }
        if (User.IsInRole(Core.Accounts.Roles.HRManager) || User.IsInRole(Core.Accounts.Roles.Director) || User.IsInRole(Core.Accounts.Roles.Administrator))
        {
            Standard = await timeline.StandardOnAsync(today, ct);
        }
        if (User.IsInRole(Core.Accounts.Roles.CaseHandler))
        {
            Cases = await CaseQueries.SummaryAsync(db, CurrentUser.Id(User), today, caseOptions.Value, NoticeDays, ct);
        }
    }
}
