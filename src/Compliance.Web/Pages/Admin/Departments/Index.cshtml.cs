using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Departments;

public sealed class IndexModel(ComplianceDbContext db, SaveDepartment save) : PageModel
{
    public sealed record Row(Guid Id, string Name, int Employees);

    public List<Row> Departments { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Edit is { } id)
        {
            var department = Departments.FirstOrDefault(d => d.Id == id);
            if (department is null)
            {
                return NotFound();
            }
            Name = department.Name;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (_, errors) = await save.HandleAsync(new SaveDepartmentInput(Edit, Name), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = Edit is null ? $"Department \"{Name?.Trim()}\" added." : $"Department \"{Name?.Trim()}\" saved.";
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new Row(d.Id, d.Name, db.Employees.Count(e => e.DepartmentId == d.Id)))
            .ToListAsync(HttpContext.RequestAborted);
}
