using Compliance.Core.Training;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Training;

/// <summary>What an uploaded completions file would record, and the confirmation that records it.</summary>
public sealed class ImportPreviewModel(ImportFileStore files, RecordCompletions record) : PageModel
{
    public const int PageSize = 100;

    [FromRoute] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "course")] public string? Course { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public CompletionAnalysis Analysis { get; private set; } = new();
    public int PageCount => Pager.CountFor(Analysis.RowCount, PageSize);
    public string PageLink(int page) => $"/training/import/{Id}?{(Course is null ? "" : $"course={Uri.EscapeDataString(Course)}&")}p={page}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!files.Exists(Id)) return NotFound();
        PageNumber = Math.Max(1, PageNumber);
        Analysis = await record.AnalyseFileAsync(files.Opener(Id), Course, new((PageNumber - 1) * PageSize, PageSize), HttpContext.RequestAborted);
        TempData.Keep("TrainingImportFileName");
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (!files.Exists(Id))
        {
            TempData["Notice"] = "That upload has expired or was already imported. Upload the file again.";
            return Redirect("/training/import");
        }
        var name = TempData["TrainingImportFileName"] as string ?? "uploaded file";
        var result = await record.ImportFileAsync(files.Opener(Id), Course, name, CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (!result.Recorded)
        {
            // Something changed since the preview (a person left, a course renamed): show the errors again; nothing was recorded.
            Analysis = result.Analysis;
            TempData.Keep("TrainingImportFileName");
            return Page();
        }
        files.Delete(Id);
        var a = result.Analysis;
        TempData["Notice"] = $"Imported {a.RowCount:N0} rows: {a.ToCreate:N0} completions added, {a.ToUpdate:N0} updated, {a.ToSkip:N0} skipped.";
        return Redirect("/training");
    }

    public IActionResult OnPostCancel()
    {
        if (files.Exists(Id)) files.Delete(Id);
        TempData["Notice"] = "Import cancelled. Nothing was recorded.";
        return Redirect("/training");
    }
}
