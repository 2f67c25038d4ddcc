using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

public sealed class SignInModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, ComplianceDbContext db, AuditTrail audit) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError(nameof(Email), "Enter your email address.");
            if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password.");
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        var wasLocked = user is not null && await users.IsLockedOutAsync(user);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        var actor = user is null ? new AuditActorInfo("anonymous", "Unknown account") : new AuditActorInfo($"user:{user.Id}", user.UserName ?? user.Id.ToString());
        var entityId = user?.Id.ToString();

        if (result.Succeeded)
        {
            await audit.SaveAsAsync(db, actor, new AuditEvent("account.signed-in", "Account", entityId, "Signed in"), ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (result.IsLockedOut)
        {
            // The attempt that reaches the limit is the one that locks: record the lockout once, not every refused try after it.
            var lockedNow = !wasLocked;
            await audit.SaveAsAsync(db, actor, new AuditEvent(lockedNow ? "account.locked-out" : "account.sign-in-refused-locked", "Account", entityId,
                lockedNow ? "Account locked for 15 minutes after 5 failed sign-in attempts" : "Sign-in refused: account is locked"), ct);
            ModelState.AddModelError("", "This account is locked because of too many failed sign-in attempts. Try again in 15 minutes, or ask an administrator.");
            return Page();
        }
        await audit.SaveAsAsync(db, actor, new AuditEvent("account.sign-in-failed", "Account", entityId,
            user is null ? "Sign-in failed: no account with that email" : "Sign-in failed: wrong password"), ct);
        ModelState.AddModelError("", "The email address or password is not right.");
        return Page();
    }
}
