using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Assessments;

public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Title, AssessmentScope Scope, string? Where, int Revision, RevisionStatus Status, DateOnly? NextReviewDue, bool Flagged);

    [BindProperty(SupportsGet = true)] public Guid? Site { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public DateOnly Today { get; private set; }
    public List<(Guid Id, string Name)> SiteChoices { get; private set; } = [];
    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var today = Today;
        SiteChoices = await db.Sites.ChoicesAsync(ct);
        var query = db.RiskAssessments.AsNoTracking();
        if (Site is { } siteId) query = query.Where(a => a.SiteId == siteId);
        query = Show switch
        {
            "draft" => query.Where(a => db.AssessmentRevisions.Any(r => r.AssessmentId == a.Id && r.Status == RevisionStatus.Draft)),
            "approved" => query.Where(a => !db.AssessmentRevisions.Any(r => r.AssessmentId == a.Id && r.Status == RevisionStatus.Draft)),
            "review" => query.DueForReview(today),
            _ => query,
        };
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderBy(a => a.Title).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Scope,
                a.SiteId != null ? db.Sites.Where(s => s.Id == a.SiteId).Select(s => s.Name).First()
                : a.DepartmentId != null ? db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).First() : a.ScopeDescription,
                db.AssessmentRevisions.Where(r => r.AssessmentId == a.Id).Max(r => r.Number),
                db.AssessmentRevisions.Where(r => r.AssessmentId == a.Id).OrderByDescending(r => r.Number).Select(r => r.Status).First(),
                a.NextReviewDue, a.ReviewFlaggedAtUtc != null))
            .ToListAsync(ct);
    }

    public string PageLink(int page) => Url.Page("/Risk/Assessments/Index", new { site = Site, show = Show, p = page })!;
}
