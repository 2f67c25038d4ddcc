using Compliance.Core.Data;
using Compliance.Core.Organisation;
using Compliance.Core.Policies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Policies;

/// <summary>The version in force of a policy, for anyone, without signing in: as a page and as a PDF.</summary>
public sealed class ReadModel(ComplianceDbContext db) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";

    public Policy Policy { get; private set; } = null!;
    public PolicyVersion Version { get; private set; } = null!;
    public string Organisation { get; private set; } = "";
    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Html = PolicyMarkdown.ToHtml(Version.Text);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return File(PolicyPdf.Render(Organisation, Policy, Version), "application/pdf", $"{Policy.Slug}-version-{Version.Number}.pdf");
    }

    private async Task<bool> LoadAsync()
    {
        if (Slug.Length > 80) return false;
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Slug == Slug, HttpContext.RequestAborted);
        if (policy?.InForce is not { } version) return false;
        Policy = policy;
        Version = version;
        Organisation = await db.Organisations.NameAsync(HttpContext.RequestAborted) ?? "";
        return true;
    }
}
