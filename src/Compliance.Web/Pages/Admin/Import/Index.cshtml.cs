using Compliance.Core.Employees;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Import;

public sealed class IndexModel(ImportFileStore files) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<string> Columns => EmployeeField.All;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file to upload.");
            return Page();
        }
        if (Upload.Length > ImportFileStore.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"The file must be smaller than {ImportFileStore.MaxBytes / 1024 / 1024} MB.");
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        var id = await files.SaveAsync(stream, HttpContext.RequestAborted);
        TempData["ImportFileName"] = Path.GetFileName(Upload.FileName);
        return RedirectToPage("/Admin/Import/Preview", new { id });
    }
}
