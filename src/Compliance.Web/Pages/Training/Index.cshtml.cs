using Compliance.Core.Data;
using Compliance.Core.Training;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.Training;

/// <summary>Every course, who it is for, and today's coverage: current, due soon, stale and never trained.</summary>
public sealed class IndexModel(ComplianceDbContext db, TimeProvider clock, IOptions<TrainingOptions> options) : PageModel
{
    public sealed record Row(Course Course, TrainingCoverage.Counts Counts);

    public List<Row> Rows { get; private set; } = [];
    public int DueSoonDays => options.Value.DueSoonDays;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var today = UkTime.Today(clock);
        foreach (var course in await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(ct))
        {
            Rows.Add(new Row(course, await TrainingCoverage.TotalsAsync(db, course, today, options.Value.DueSoonDays, ct)));
        }
    }
}
