using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Legal;

/// <summary>The legal timeline: each provision's date and whether it is in force or only planned, kept by an administrator.</summary>
public sealed class IndexModel(LegalTimeline timeline, TimeProvider clock) : PageModel
{
    public List<LegalProvision> Provisions { get; private set; } = [];
    public LegalStandard Today { get; private set; } = null!;
    public LegalProvision? Editing { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public ProvisionStatus? Status { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Edit is not null)
        {
            if (Editing is null) return NotFound();
            EffectiveFrom = Editing.EffectiveFrom?.ToString("dd/MM/yyyy");
            Status = Editing.Status;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = await timeline.ChangeAsync(new ChangeProvisionInput(Edit, EffectiveFrom, Status, Note), User.Identity?.Name ?? "Administrator", HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            await LoadAsync();
            if (Editing is null) return NotFound();
            ModelState.AddErrors(errors, prefix: "");
            return Page();
        }
        TempData["Notice"] = "Provision saved. The position and evidence packs use the standard in force on each date.";
        return RedirectToPage(new { edit = (string?)null });
    }

    private async Task LoadAsync()
    {
        Provisions = await timeline.ProvisionsAsync(HttpContext.RequestAborted);
        Today = LegalTimeline.StandardOn(Provisions, UkTime.Today(clock));
        Editing = Provisions.FirstOrDefault(p => p.Key == Edit);
    }
}
