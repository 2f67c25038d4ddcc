using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Account;

public sealed class SignInModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, SignInEvents events) : PageModel
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
        var user = Email.Length <= 254 ? await users.FindByEmailAsync(Email.Trim()) : null;
        var wasLocked = user is not null && await users.IsLockedOutAsync(user);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);

        if (result.Succeeded)
        {
            await events.SucceededAsync(user!, "with a password", ct);
            return LocalRedirect(Url.SafeReturnUrl(ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/SignInCode", new { ReturnUrl = Url.SafeReturnUrl(ReturnUrl) });
        }
        if (result.IsLockedOut)
        {
            await events.LockedOutAsync(user!, lockedNow: !wasLocked, ct);
            ModelState.AddModelError("", SignInEvents.LockedMessage);
            return Page();
        }
        // Only someone who knows the password learns that the account is disabled or not yet set up.
        if (result.IsNotAllowed && await users.CheckPasswordAsync(user!, Password))
        {
            await events.FailedAsync(user, user!.IsDisabled ? "account is disabled" : "invitation not yet accepted", ct);
            ModelState.AddModelError("", "This account cannot sign in. If it should, ask an administrator.");
            return Page();
        }
        if (user is null)
        {
            // Spend the time a real password check takes, so the answer's timing does not say whether the account exists.
            users.PasswordHasher.VerifyHashedPassword(TimingDummy, TimingDummyHash, Password);
        }
        await events.FailedAsync(user, user is null ? "no account with that email" : result.IsNotAllowed ? "wrong password (account not active)" : "wrong password", ct);
        ModelState.AddModelError("", "The email address or password is not right.");
        return Page();
    }

    private static readonly ApplicationUser TimingDummy = new() { UserName = "timing@invalid" };
    private static readonly string TimingDummyHash = new PasswordHasher<ApplicationUser>().HashPassword(TimingDummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
}
