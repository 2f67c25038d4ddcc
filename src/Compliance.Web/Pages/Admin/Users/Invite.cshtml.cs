using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Users;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class InviteModel(StaffAccounts accounts) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public (string Url, DateTime ExpiresAtUtc, string Name)? Issued { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (link, errors) = await accounts.InviteAsync(new InviteInput(Name, Email, Roles), CurrentUser.Id(User), HttpContext.RequestAborted);
        if (link is null)
        {
            ModelState.AddErrors(errors, prefix: "");
            return Page();
        }
        Issued = (CurrentUser.InvitationUrl(Request, link.Secret), link.ExpiresAtUtc, Name!.Trim());
        ModelState.Clear();
        Name = Email = null;
        Roles = [];
        return Page();
    }
}
