using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Sites;

public sealed class IndexModel(ComplianceDbContext db, SaveSite save) : PageModel
{
    public sealed record Row(Guid Id, string Name, Nation Nation, string? Postcode, int Employees);

    public List<Row> Sites { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    [BindProperty]
    public SiteForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Edit is { } id)
        {
            var site = Sites.FirstOrDefault(s => s.Id == id);
            if (site is null)
            {
                return NotFound();
            }
            Input = new SiteForm { Name = site.Name, Nation = site.Nation, Postcode = site.Postcode };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (_, errors) = await save.HandleAsync(new SaveSiteInput(Edit, Input.Name, Input.Nation, Input.Postcode), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors);
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = Edit is null ? $"Site \"{Input.Name?.Trim()}\" added." : $"Site \"{Input.Name?.Trim()}\" saved.";
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Name, s.Nation, s.Postcode, db.Employees.Count(e => e.SiteId == s.Id)))
            .ToListAsync(HttpContext.RequestAborted);

    public sealed class SiteForm
    {
        public string? Name { get; set; }
        public Nation? Nation { get; set; }
        public string? Postcode { get; set; }
    }
}
