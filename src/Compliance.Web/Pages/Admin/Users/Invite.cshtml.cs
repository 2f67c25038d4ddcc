using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Compliance.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Admin.Users;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class InviteModel(StaffAccounts accounts, InvitationMailer mailer) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];

    public IssuedLinkView? Issued { get; private set; }

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
        var url = CurrentUser.InvitationUrl(Request, link.Secret);
        var mailed = await mailer.SendAsync(link.UserId, Email!.Trim(), Name!.Trim(), url, link.ExpiresAtUtc, CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        Issued = new(url, link.ExpiresAtUtc, Name!.Trim(), mailed);
        ModelState.Clear();
        Name = Email = null;
        Roles = [];
        return Page();
    }
}

/// <summary>A one-time link just issued: shown once on the page, and whether it was also emailed.</summary>
public sealed record IssuedLinkView(string Url, DateTime ExpiresAtUtc, string Name, InvitationMailResult Mail);
