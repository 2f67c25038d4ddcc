using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Compliance.Web.Pages.CaseOverview;

/// <summary>For administrators, HR managers and directors: how many cases there are and how old, never what they say.</summary>
public sealed class IndexModel(ComplianceDbContext db, IOptions<CaseOptions> options, TimeProvider clock) : PageModel
{
    public CaseCounts Counts { get; private set; } = null!;

    public async Task OnGetAsync() => Counts = await CaseQueries.CountsAsync(db, UkTime.Today(clock), options.Value, HttpContext.RequestAborted);
}
