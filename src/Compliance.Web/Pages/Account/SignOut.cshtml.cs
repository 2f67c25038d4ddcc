using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

/// <summary>
/// Sign-out is a POST with an anti-forgery token, so no other site can sign a person out. It changes the
/// security stamp, which ends the person's sessions on every device, not just this one.
/// </summary>
public sealed class SignOutModel(SignInManager<ApplicationUser> signIn, ComplianceDbContext db, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await using var tx = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            await audit.SaveAsync(db, AuditEvent.For("account.signed-out", "Account", user.Id, "Signed out; sessions on every device ended"), HttpContext.RequestAborted);
            await tx.CommitAsync(HttpContext.RequestAborted);
        }
        await signIn.SignOutAsync();
        TempData["Notice"] = "You have signed out.";
        return RedirectToPage("/Account/SignIn");
    }
}
