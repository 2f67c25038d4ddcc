using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

/// <summary>Sign-out is a POST with an anti-forgery token, so no other site can sign a person out.</summary>
public sealed class SignOutModel(SignInManager<ApplicationUser> signIn, ComplianceDbContext db, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var userId = signIn.UserManager.GetUserId(User);
            await audit.SaveAsync(db, new AuditEvent("account.signed-out", "Account", userId, "Signed out"), HttpContext.RequestAborted);
            await signIn.SignOutAsync();
        }
        TempData["Notice"] = "You have signed out.";
        return RedirectToPage("/Account/SignIn");
    }
}
