using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

/// <summary>Signing in with one of the single-use recovery codes, then straight to setting up a new authenticator.</summary>
public sealed class SignInRecoveryModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, SignInEvents events) : PageModel
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            TempData["Notice"] = "Your sign-in took too long. Enter your email address and password again.";
            return RedirectToPage("/Account/SignIn");
        }
        var code = (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code.Length == 0 || code.Length > 20)
        {
            ModelState.AddModelError(nameof(RecoveryCode), "Enter one of the recovery codes you saved when you set up two-factor sign-in.");
            return Page();
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            await events.SucceededAsync(user, "with a password and a recovery code", ct);
            TempData["Notice"] = $"You signed in with a recovery code; it cannot be used again. You have {await users.CountRecoveryCodesAsync(user)} left. If you have lost your authenticator, set up a new one now.";
            return RedirectToPage("/Account/Security/Index");
        }
        if (result.IsLockedOut)
        {
            await events.LockedOutAsync(user, lockedNow: !wasLocked, ct);
            ModelState.AddModelError("", SignInEvents.LockedMessage);
            return Page();
        }
        await events.FailedAsync(user, "wrong recovery code", ct);
        ModelState.AddModelError(nameof(RecoveryCode), "That recovery code is not right, or it has already been used.");
        return Page();
    }
}
