using Compliance.Core.Accounts;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Compliance.Web.Pages.Account;

/// <summary>The second step of signing in: the six-digit code from the authenticator app.</summary>
public sealed class SignInCodeModel(SignInManager<ApplicationUser> signIn, SignInEvents events) : SecondSignInStep(signIn, events)
{
    [BindProperty]
    public string? Code { get; set; }

    private string Digits => new((Code ?? "").Where(char.IsDigit).ToArray());

    protected override (string Field, string Message)? CheckShape() =>
        Digits.Length == 6 ? null : (nameof(Code), "Enter the 6-digit code shown in your authenticator app.");

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> TrySignInAsync() =>
        Manager.TwoFactorAuthenticatorSignInAsync(Digits, isPersistent: false, rememberClient: false);

    protected override bool CountsFailureItself => true;

    protected override string How => "with a password and an authenticator code";

    protected override (string, string, string) Wrong =>
        (nameof(Code), "That code is not right. Codes change every 30 seconds: enter the one shown now.", "wrong authenticator code");

    protected override Task<IActionResult> SucceededAsync(ApplicationUser user) =>
        Task.FromResult<IActionResult>(LocalRedirect(Url.SafeReturnUrl(ReturnUrl)));
}
