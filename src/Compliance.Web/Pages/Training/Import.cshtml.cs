using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Training;

/// <summary>Uploads a completions file (a learning system's export or a plain file) for a preview. HR managers only.</summary>
public sealed class ImportModel(ComplianceDbContext db, ImportFileStore files) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Course { get; set; }

    public List<(string Code, string Title)> Courses { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Choose a CSV file to upload.");
        else if (Upload.Length > ImportFileStore.MaxBytes) ModelState.AddModelError(nameof(Upload), $"The file must be smaller than {ImportFileStore.MaxBytes / 1024 / 1024} MB.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        await using var stream = Upload!.OpenReadStream();
        var id = await files.SaveAsync(stream, HttpContext.RequestAborted);
        TempData["TrainingImportFileName"] = Path.GetFileName(Upload.FileName);
        return Redirect($"/training/import/{id}{(string.IsNullOrWhiteSpace(Course) ? "" : $"?course={Uri.EscapeDataString(Course.Trim())}")}");
    }

    private async Task LoadAsync() =>
        Courses = (await db.Courses.AsNoTracking().OrderBy(c => c.Title).Select(c => new { c.Code, c.Title }).ToListAsync(HttpContext.RequestAborted))
            .Select(c => (c.Code, c.Title)).ToList();
}
