using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.Data;
using Compliance.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Jobs;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(BackgroundJobs jobs, CasePurge purge, ComplianceDbContext db, AuditTrail audit) : PageModel
{
    public List<JobStatus> Jobs { get; private set; } = [];

    /// <summary>Set when the purge was asked for and must be confirmed: what it would do now.</summary>
    public PurgeResult? ConfirmingPurge { get; private set; }

    public async Task OnGetAsync() => Jobs = await jobs.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRunAsync(string? job, bool confirmed)
    {
        var found = job is null ? null : JobCatalogue.Find(job);
        if (found is null)
        {
            TempData["Problem"] = "There is no such job.";
            return RedirectToPage();
        }
        if (found.Name == JobNames.CasePurge && !confirmed)
        {
            // Deleting cases cannot be undone: say how many first, and run only when the administrator says yes.
            ConfirmingPurge = await purge.PreviewAsync(HttpContext.RequestAborted);
            await OnGetAsync();
            return Page();
        }
        await jobs.RunNowAsync(found.Name, HttpContext.RequestAborted);
        await audit.SaveAsync(db, new AuditEvent("job.run-requested", "Job", found.Name, $"{found.Title} run requested"), HttpContext.RequestAborted);
        TempData["Notice"] = $"{found.Title} will run now. Refresh this page in a moment to see the outcome.";
        return RedirectToPage();
    }
}
