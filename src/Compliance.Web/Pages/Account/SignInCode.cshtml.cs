using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

/// <summary>The second step of signing in: the six-digit code from the authenticator app.</summary>
public sealed class SignInCodeModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, SignInEvents events) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

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
        var code = new string((Code ?? "").Where(char.IsDigit).ToArray());
        if (code.Length != 6)
        {
            ModelState.AddModelError(nameof(Code), "Enter the 6-digit code shown in your authenticator app.");
            return Page();
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await events.SucceededAsync(user, "with a password and an authenticator code", ct);
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            await events.LockedOutAsync(user, lockedNow: !wasLocked, ct);
            ModelState.AddModelError("", SignInEvents.LockedMessage);
            return Page();
        }
        await events.FailedAsync(user, "wrong authenticator code", ct);
        ModelState.AddModelError(nameof(Code), "That code is not right. Codes change every 30 seconds: enter the one shown now.");
        return Page();
    }
}
