using Compliance.Core.Employees;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Import;

public sealed class PreviewModel(ImportFileStore files, ImportEmployees import) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ImportAnalysis Analysis { get; private set; } = new();
    public int PageCount => Pager.CountFor(Analysis.RowCount, PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!files.Exists(Id))
        {
            return NotFound();
        }
        PageNumber = Math.Max(1, PageNumber);
        Analysis = await import.AnalyseAsync(files.Opener(Id), new PreviewWindow((PageNumber - 1) * PageSize, PageSize), HttpContext.RequestAborted);
        TempData.Keep("ImportFileName");
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (!files.Exists(Id))
        {
            TempData["Notice"] = "That upload has expired or was already imported. Upload the file again.";
            return RedirectToPage("/Admin/Import/Index");
        }
        var name = TempData["ImportFileName"] as string ?? "uploaded file";
        var result = await import.ImportAsync(files.Opener(Id), name, HttpContext.RequestAborted);
        if (!result.Imported)
        {
            // Something changed since the preview (a site renamed, say): show the errors again; nothing was saved.
            Analysis = result.Analysis;
            TempData.Keep("ImportFileName");
            return Page();
        }
        files.Delete(Id);
        TempData["Notice"] = $"Imported {result.Analysis.RowCount:N0} rows: {result.Created:N0} people added, {result.Updated:N0} updated.";
        return RedirectToPage("/Admin/Employees/Index");
    }

    public IActionResult OnPostCancel()
    {
        if (files.Exists(Id))
        {
            files.Delete(Id);
        }
        TempData["Notice"] = "Import cancelled. Nothing was changed.";
        return RedirectToPage("/Admin/Employees/Index");
    }
}
