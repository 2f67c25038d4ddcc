using Compliance.Core.Data;
using Compliance.Core.EvidencePacks;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Packs;

/// <summary>One pack: its progress while it is made (the page can be left and come back to), then its details and downloads.</summary>
public sealed class ShowModel(ComplianceDbContext db, EvidencePackWork work) : PageModel
{
    public IndexModel.Row? Pack { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Pack = await db.EvidencePacks.AsNoTracking().Where(p => p.Id == id).Select(IndexModel.AsRow).FirstOrDefaultAsync(HttpContext.RequestAborted);
        // A named edition is for directors: to anyone else it is not there.
        if (Pack is null || (Pack.Named && !User.IsInRole(Compliance.Core.Accounts.Roles.Director))) return NotFound();
        return Page();
    }

    /// <summary>Where the pack has got to, for the progress bar's script.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id)
    {
        var p = await db.EvidencePacks.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Status, p.Chapter, p.Percent, p.Named }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        // As with its page: a named edition is not there for anyone but a director.
        if (p is null || (p.Named && !User.IsInRole(Compliance.Core.Accounts.Roles.Director))) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { status = p.Status.ToString(), chapter = p.Chapter, percent = p.Percent, finished = p.Status is PackStatus.Ready or PackStatus.Failed });
    }

    public Task<IActionResult> OnGetDownloadAsync(Guid id) => DownloadAsync(id, companion: false);

    public Task<IActionResult> OnGetRecordsAsync(Guid id) => DownloadAsync(id, companion: true);

    private async Task<IActionResult> DownloadAsync(Guid id, bool companion)
    {
        var file = await work.DownloadAsync(id, companion, CurrentUser.DisplayName(User), User.IsInRole(Compliance.Core.Accounts.Roles.Director), HttpContext.RequestAborted);
        if (file is not { } f) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return File(f.Content, companion ? "application/zip" : "application/pdf", f.FileName);
    }
}
