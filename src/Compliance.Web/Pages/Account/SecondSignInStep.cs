using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

/// <summary>
/// The second step of signing in, after the password: an authenticator code or a recovery code. Both need the
/// short-lived cookie the password step set, count wrong answers towards lockout, and record the outcome.
/// </summary>
public abstract class SecondSignInStep(SignInManager<ApplicationUser> signIn, SignInEvents events) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    protected SignInManager<ApplicationUser> Manager => signIn;

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    /// <summary>The field's problem when the entry is plainly malformed; null when it is worth checking.</summary>
    protected abstract (string Field, string Message)? CheckShape();

    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> TrySignInAsync();

    protected abstract string How { get; }

    protected abstract (string Field, string Message, string Reason) Wrong { get; }

    protected abstract Task<IActionResult> SucceededAsync(ApplicationUser user);

    /// <summary>Identity counts a wrong authenticator code towards lockout, but not a wrong recovery code.</summary>
    protected abstract bool CountsFailureItself { get; }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            TempData["Notice"] = "Your sign-in took too long. Enter your email address and password again.";
            return RedirectToPage("/Account/SignIn");
        }
        if (CheckShape() is { } problem)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
            return Page();
        }
        var wasLocked = await signIn.UserManager.IsLockedOutAsync(user);
        if (!await signIn.CanSignInAsync(user))
        {
            // Disabled between the password and this step: Identity's second step does not check that itself.
            await events.FailedAsync(user, "account is disabled", ct);
            ModelState.AddModelError("", "This account cannot sign in. If it should, ask an administrator.");
            return Page();
        }
        var result = wasLocked ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : await TrySignInAsync();
        if (result.Succeeded)
        {
            await events.SucceededAsync(user, How, ct);
            return await SucceededAsync(user);
        }
        if (result.IsLockedOut)
        {
            await events.LockedOutAsync(user, lockedNow: !wasLocked, ct);
            ModelState.AddModelError("", SignInEvents.LockedMessage);
            return Page();
        }
        var (field, message, reason) = Wrong;
        if (CountsFailureItself is false)
        {
            await signIn.UserManager.AccessFailedAsync(user);
            if (await signIn.UserManager.IsLockedOutAsync(user))
            {
                await events.LockedOutAsync(user, lockedNow: true, ct);
                ModelState.AddModelError("", SignInEvents.LockedMessage);
                return Page();
            }
        }
        await events.FailedAsync(user, reason, ct);
        ModelState.AddModelError(field, message);
        return Page();
    }
}
