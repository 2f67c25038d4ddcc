using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Compliance.Web.Pages.Account;

/// <summary>Signing in with one of the single-use recovery codes, then straight to the security page to replace a lost authenticator.</summary>
public sealed class SignInRecoveryModel(SignInManager<ApplicationUser> signIn, SignInEvents events) : SecondSignInStep(signIn, events)
{
    [BindProperty]
    public string? RecoveryCode { get; set; }

    private string Entered => (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();

    protected override (string Field, string Message)? CheckShape() =>
        Entered.Length is > 0 and <= 20 ? null : (nameof(RecoveryCode), "Enter one of the recovery codes you saved when you set up two-factor sign-in.");

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> TrySignInAsync() => Manager.TwoFactorRecoveryCodeSignInAsync(Entered);

    protected override bool CountsFailureItself => false;

    protected override string How => "with a password and a recovery code";

    protected override (string, string, string) Wrong =>
        (nameof(RecoveryCode), "That recovery code is not right, or it has already been used.", "wrong recovery code");

    protected override async Task<IActionResult> SucceededAsync(ApplicationUser user)
    {
        TempData["Notice"] = $"You signed in with a recovery code; it cannot be used again. You have {await Manager.UserManager.CountRecoveryCodesAsync(user)} left. If you have lost your authenticator, set up a new one now.";
        return RedirectToPage("/Account/Security/Index");
    }
}
