using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Core.Policies;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Policies.Manage;

[Authorize(Roles = Roles.HRManager)]
public sealed class NewModel(ComplianceDbContext db, PolicyWork work) : PageModel
{
    [BindProperty] public PolicyKind? Kind { get; set; } = PolicyKind.SexualHarassment;
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Contacts { get; set; }

    public HashSet<PolicyKind> Existing { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        // The people who handle reports are the usual named contacts; HR can change the list before creating.
        var handlers = await ActiveAccounts.InRole(db, Roles.CaseHandler).OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(HttpContext.RequestAborted);
        Contacts = string.Join("\n", handlers.Select(h => $"{h}, who handles reports"));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (id, errors) = await work.CreateAsync(new CreatePolicyInput(Kind, Title, Contacts), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, "");
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "Policy created from its template as a draft. Check each section and edit it to fit your organisation.";
        return Redirect($"/policies/manage/{id}/edit");
    }

    private async Task LoadAsync() => Existing = [.. await db.Policies.AsNoTracking().Where(p => p.Kind != PolicyKind.Other).Select(p => p.Kind).ToListAsync(HttpContext.RequestAborted)];
}
