using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Compliance.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Jobs;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(BackgroundJobs jobs, ComplianceDbContext db, AuditTrail audit) : PageModel
{
    public List<JobStatus> Jobs { get; private set; } = [];

    public async Task OnGetAsync() => Jobs = await jobs.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRunAsync(string? job)
    {
        var found = job is null ? null : JobCatalogue.Find(job);
        if (found is null)
        {
            TempData["Notice"] = "There is no such job.";
            return RedirectToPage();
        }
        await jobs.RunNowAsync(found.Name, HttpContext.RequestAborted);
        await audit.SaveAsync(db, new AuditEvent("job.run-requested", "Job", found.Name, $"{found.Title} run requested"), HttpContext.RequestAborted);
        TempData["Notice"] = $"{found.Title} will run now. Refresh this page in a moment to see the outcome.";
        return RedirectToPage();
    }
}
