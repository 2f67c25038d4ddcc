using Compliance.Core.Data;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Risk.Actions;

public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, Guid AssessmentId, string Assessment, string Description, string Owner, DateOnly DueDate, ActionStatus Status, DateOnly? CompletedOn);

    [BindProperty(SupportsGet = true)] public string? Show { get; set; } = "open";
    [BindProperty(SupportsGet = true)] public Guid? Site { get; set; }
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
        var query = db.RiskActions.AsNoTracking();
        if (Site is { } siteId) query = query.Where(a => db.RiskAssessments.Any(x => x.Id == a.AssessmentId && x.SiteId == siteId));
        query = Show switch
        {
            "overdue" => query.Overdue(today),
            "done" => query.Where(a => a.Status == ActionStatus.Done),
            "all" => query,
            _ => query.Where(a => a.Status != ActionStatus.Done),
        };
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.AssessmentId, db.RiskAssessments.Where(x => x.Id == a.AssessmentId).Select(x => x.Title).First(),
                a.Description, a.Owner, a.DueDate, a.Status, a.CompletedOn))
            .ToListAsync(ct);
    }

    public string PageLink(int page) => Url.Page("/Risk/Actions/Index", new { show = Show, site = Site, p = page })!;
}
