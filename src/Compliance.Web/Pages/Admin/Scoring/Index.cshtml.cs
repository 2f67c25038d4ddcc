using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Scoring;

/// <summary>The scoring thresholds: each one's value today and its default, the changes made, and a form to change one from a date.</summary>
public sealed class IndexModel(ScoringSettings settings, TimeProvider clock) : PageModel
{
    public ScoringOptions InForce { get; private set; } = new();
    public ScoringOptions Defaults => settings.Defaults;
    public List<ScoringSetting> Changes { get; private set; } = [];

    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        EffectiveFrom = UkTime.Today(clock).ToString("dd/MM/yyyy");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = await settings.ChangeAsync(Key, Value, EffectiveFrom, Reason, CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "Setting changed. Days before its date keep the value they had.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        InForce = await settings.OnAsync(UkTime.Today(clock), ct);
        Changes = [.. (await settings.ChangesAsync(ct)).OrderByDescending(c => c.ChangedAtUtc)];
    }
}
