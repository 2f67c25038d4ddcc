using Compliance.Core.Cases;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Cases;

/// <summary>A case's file, for an assigned handler only, always as a download (never shown in the browser).</summary>
public sealed class FileModel(CaseWork work) : PageModel
{
    /// <param name="original">The file exactly as it arrived, with its metadata (audited as such); otherwise the cleaned copy.</param>
    public async Task<IActionResult> OnGetAsync(Guid id, Guid fileId, bool original = false)
    {
        try
        {
            var file = await work.DownloadAsync(id, fileId, new CaseActor(CurrentUser.Id(User), CurrentUser.DisplayName(User)), HttpContext.RequestAborted, original);
            if (file is null) return NotFound();
            Response.Headers.CacheControl = "no-store";
            return File(file.Value.Bytes, "application/octet-stream", file.Value.Name);
        }
        catch (CaseAccessDeniedException)
        {
            return Forbid();
        }
    }
}
