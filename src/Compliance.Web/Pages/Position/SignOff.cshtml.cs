using Compliance.Core.Accounts;
using Compliance.Core.Scoring;
using Compliance.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Web.Pages.Position;

/// <summary>A director records the board's review of today's position, entering a code from their authenticator app again to sign.</summary>
public sealed class SignOffModel(StepEvidence evidence, SignOffPosition signOff, UserManager<ApplicationUser> users, TimeProvider clock) : PageModel
{
    public List<IndexModel.Row> Rows { get; private set; } = [];
    public bool HasAuthenticator { get; private set; }

    /// <summary>Rows for actions on the form; more can be added on the action plan afterwards.</summary>
    public const int ActionRows = 3;

    [BindProperty] public string? ReviewedOn { get; set; }
    [BindProperty] public string? Meeting { get; set; }
    [BindProperty] public string? Attendees { get; set; }
    [BindProperty] public string? Decisions { get; set; }
    [BindProperty] public string? Code { get; set; }

    /// <summary>Actions the meeting agreed, each going into the action plan with the sign-off.</summary>
    [BindProperty] public List<Compliance.Web.Pages.Position.Actions.PlanActionForm> Actions { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        ReviewedOn = UkTime.Today(clock).ToString("dd/MM/yyyy");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var user = await users.GetUserAsync(User);
        if (user is null || !await LoadAsync()) return Challenge();
        var code = new string((Code ?? "").Where(char.IsDigit).ToArray());
        Code = null;
        // Signing asks for the second factor again, whatever the session: the sign-off is the director's own act.
        if (!user.TwoFactorEnabled)
        {
            ModelState.AddModelError(nameof(Code), "Signing off needs two-factor sign-in. Set up an authenticator app under Sign-in security first.");
            return Page();
        }
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), code.Length != 6 ? "Enter the 6-digit code your authenticator app shows now." : "That code is not right. Enter the code your authenticator app shows now.");
            return Page();
        }
        var (_, errors) = await signOff.HandleAsync(new SignOffInput(ReviewedOn, Meeting, Attendees, Decisions, [.. Actions.Select(a => a.ToInput())]), user.Id, CurrentUser.DisplayName(User), HttpContext.RequestAborted);
        if (errors.Count > 0)
        {
            ModelState.AddErrors(errors, prefix: "");
            return Page();
        }
        var added = Actions.Count(a => !a.ToInput().IsBlank);
        TempData["Notice"] = "The review is signed off. The scores of the meeting day are kept with it." + (added == 0 ? "" : $" {added} {(added == 1 ? "action is" : "actions are")} in the action plan.");
        return Redirect("/position#sign-offs");
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return false;
        HasAuthenticator = user.TwoFactorEnabled;
        while (Actions.Count < ActionRows) Actions.Add(new());
        Rows = IndexModel.RowsOf(await evidence.ScoresOnAsync(UkTime.Today(clock), HttpContext.RequestAborted));
        return true;
    }
}
