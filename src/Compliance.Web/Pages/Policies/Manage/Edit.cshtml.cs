using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Policies;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Policies.Manage;

/// <summary>What the preview shows: the text as people will read it, and the section checklist (null for a policy without one).</summary>
public sealed record PolicyPreview(string Html, List<SectionCheck>? Checklist);

/// <summary>The draft's Markdown with a preview that follows the typing, and the section checklist beside it.</summary>
public sealed class EditModel(ComplianceDbContext db, PolicyWork work) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Text { get; set; }

    public Policy Policy { get; private set; } = null!;
    public PolicyVersion Version { get; private set; } = null!;
    public PolicyPreview Preview { get; private set; } = null!;
    public bool CanEdit => User.IsInRole(Roles.HRManager) && !Version.IsFrozen;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Text = Version.Text;
        Preview = PreviewOf(Policy, Text);
        return Page();
    }

    /// <summary>The preview of the text as typed, for the page's script: nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!User.IsInRole(Roles.HRManager)) return Forbid();
        if (!await LoadAsync()) return NotFound();
        var text = Text ?? "";
        if (text.Length > PolicyVersion.MaxTextLength) return BadRequest();
        return Partial("_PolicyPreview", PreviewOf(Policy, text));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!User.IsInRole(Roles.HRManager)) return Forbid();
        ModelState.Clear();
        var errors = await work.EditAsync(Id, Text, HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, "");
            if (!await LoadAsync()) return NotFound();
            Preview = PreviewOf(Policy, Text ?? "");
            return Page();
        }
        TempData["Notice"] = "Draft saved.";
        return Redirect($"/policies/manage/{Id}");
    }

    private static PolicyPreview PreviewOf(Policy policy, string text) =>
        new(PolicyMarkdown.ToHtml(text), policy.Kind.HasChecklist() ? PolicySections.Check(text) : null);

    private async Task<bool> LoadAsync()
    {
        var policy = await db.Policies.AsNoTracking().Include(p => p.Versions).SingleOrDefaultAsync(p => p.Id == Id, HttpContext.RequestAborted);
        if (policy is null) return false;
        Policy = policy;
        Version = policy.Open ?? policy.InForce ?? policy.Versions.MaxBy(v => v.Number)!;
        return true;
    }
}
