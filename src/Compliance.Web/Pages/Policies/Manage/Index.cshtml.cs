using Compliance.Core.Data;
using Compliance.Core.Policies;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Policies.Manage;

/// <summary>Every policy, its version in force, the version being worked on, its review date and acknowledgement coverage.</summary>
public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Slug, int? InForce, PolicyVersionStatus? OpenStatus, int? OpenNumber, DateOnly? NextReviewDue, PolicyCoverage.Totals? Coverage);

    public List<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Today = UkTime.Today(clock);
        var policies = await db.Policies.AsNoTracking().Include(p => p.Versions).OrderBy(p => p.Kind).ThenBy(p => p.Title).AsSplitQuery().ToListAsync(ct);
        foreach (var p in policies)
        {
            var coverage = p.InForce is { } v ? await PolicyCoverage.TotalsAsync(db, p.Id, v, Today, ct) : null;
            Rows.Add(new Row(p.Id, p.Title, p.Slug, p.InForce?.Number, p.Open?.Status, p.Open?.Number, p.NextReviewDue, coverage));
        }
    }
}
