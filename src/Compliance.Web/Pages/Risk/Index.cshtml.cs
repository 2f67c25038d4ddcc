using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk;

/// <summary>
/// Where the organisation stands on risk assessment, by site: reviews overdue or flagged, actions overdue,
/// recent incidents. Every figure is counted in the database, so the page stays quick with many sites and actions.
/// </summary>
public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int ListLimit = 20;

    public sealed record SiteRow(Guid Id, string Name, int Assessments, int Approved, int ReviewsDue, int OverdueActions, int RecentIncidents);
    public sealed record ReviewRow(Guid Id, string Title, string? Site, DateOnly? NextReviewDue, string? FlagReason);
    public sealed record ActionRow(Guid Id, Guid AssessmentId, string Assessment, string Description, string Owner, DateOnly DueDate);

    public DateOnly Today { get; private set; }
    public List<SiteRow> Sites { get; private set; } = [];
    public SiteRow? NotTiedToSite { get; private set; }
    public List<ReviewRow> ReviewsDue { get; private set; } = [];
    public int ReviewsDueTotal { get; private set; }
    public List<ActionRow> OverdueActions { get; private set; } = [];
    public int OverdueActionsTotal { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var today = Today;
        var yearAgo = today.AddYears(-1);
        var overdueActions = db.RiskActions.Overdue(today);
        var reviewsDue = db.RiskAssessments.DueForReview(today);
        var approved = db.RiskAssessments.Where(a => db.AssessmentRevisions.Any(r => r.AssessmentId == a.Id && r.Status == RevisionStatus.Approved));

        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SiteRow(s.Id, s.Name,
                db.RiskAssessments.Count(a => a.SiteId == s.Id),
                approved.Count(a => a.SiteId == s.Id),
                reviewsDue.Count(a => a.SiteId == s.Id),
                overdueActions.Count(x => db.RiskAssessments.Any(a => a.Id == x.AssessmentId && a.SiteId == s.Id)),
                db.ThirdPartyIncidents.Count(i => i.SiteId == s.Id && i.OccurredOn >= yearAgo)))
            .ToListAsync(ct);
        var others = await db.RiskAssessments.AsNoTracking().Where(a => a.SiteId == null).GroupBy(_ => 1)
            .Select(g => new SiteRow(Guid.Empty, "Departments, roles and events", g.Count(),
                approved.Count(a => a.SiteId == null),
                reviewsDue.Count(a => a.SiteId == null),
                overdueActions.Count(x => db.RiskAssessments.Any(a => a.Id == x.AssessmentId && a.SiteId == null)), 0))
            .SingleOrDefaultAsync(ct);
        NotTiedToSite = others;

        ReviewsDueTotal = await reviewsDue.CountAsync(ct);
        ReviewsDue = await reviewsDue.AsNoTracking().OrderBy(a => a.NextReviewDue).ThenBy(a => a.Title).Take(ListLimit)
            .Select(a => new ReviewRow(a.Id, a.Title, db.Sites.Where(s => s.Id == a.SiteId).Select(s => s.Name).FirstOrDefault(), a.NextReviewDue, a.ReviewFlagReason))
            .ToListAsync(ct);
        OverdueActionsTotal = await overdueActions.CountAsync(ct);
        OverdueActions = await overdueActions.AsNoTracking().OrderBy(a => a.DueDate).Take(ListLimit)
            .Select(a => new ActionRow(a.Id, a.AssessmentId, db.RiskAssessments.Where(x => x.Id == a.AssessmentId).Select(x => x.Title).First(), a.Description, a.Owner, a.DueDate))
            .ToListAsync(ct);
    }
}
