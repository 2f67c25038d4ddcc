using Compliance.Core.Data;
using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Position.Engagement;

/// <summary>What has been done to engage staff (step 2), newest first.</summary>
public sealed class IndexModel(ComplianceDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<EngagementActivity> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Pager.CountFor(Total, PageSize);

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Total = await db.EngagementActivities.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await db.EngagementActivities.AsNoTracking().OrderByDescending(a => a.HeldOn).ThenByDescending(a => a.RecordedAtUtc)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public string PageLink(int page) => Url.Page("/Position/Engagement/Index", new { p = page })!;
}
