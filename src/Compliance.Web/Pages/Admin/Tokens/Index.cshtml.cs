using Compliance.Core.Accounts;
using Compliance.Core.Data;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Pages.Admin.Tokens;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ApiTokens tokens, ComplianceDbContext db) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<string> Scopes { get; set; } = [];

    public List<ApiToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public string? NewTokenName { get; private set; }
    public Guid? ConfirmingRevoke { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (created, errors) = await tokens.CreateAsync(Name, Scopes, CurrentUser.Id(User), HttpContext.RequestAborted);
        if (created is null)
        {
            ModelState.AddErrors(errors, prefix: "");
        }
        else
        {
            NewToken = created.Token;
            NewTokenName = Name!.Trim();
            ModelState.Clear();
            Name = null;
            Scopes = [];
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool confirmed)
    {
        if (!confirmed)
        {
            ConfirmingRevoke = id;
            await LoadAsync();
            return Page();
        }
        var error = await tokens.RevokeAsync(id, HttpContext.RequestAborted);
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = "Token revoked. Anything using it is refused from now on.";
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        Tokens = await db.ApiTokens.AsNoTracking().OrderBy(t => t.RevokedAtUtc != null).ThenByDescending(t => t.CreatedAtUtc).ToListAsync(HttpContext.RequestAborted);
}
