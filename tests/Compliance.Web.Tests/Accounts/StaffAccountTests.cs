using System.Net;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Accounts;

public sealed class StaffAccountTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.test";

    /// <summary>Invites through the admin page and returns the one-time link's path.</summary>
    private async Task<string> InviteAsync(AppClient admin, string name, string email, params string[] roles)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Name", name), new("Email", email) };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("Roles", r)));
        var response = await admin.SubmitFormAsync("/admin/users/invite", fields);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return new Uri(AppClient.InputValue(html, "issued-link")).PathAndQuery;
    }

    [Fact]
    public async Task An_invited_person_chooses_a_password_refusing_common_and_personal_ones_and_the_link_works_once()
    {
        var admin = await app.SignedInAdministratorAsync();
        var email = Unique("ps");
        var link = await InviteAsync(admin, "Priya Sharma", email, Roles.HRManager, Roles.Director);

        await using (var db = app.NewDbContext())
        {
            var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            var invitation = await db.Invitations.SingleAsync(i => i.UserId == userId);
            link.Should().NotContain(invitation.SecretHash); // only the hash is kept
            (await db.AuditEntries.AnyAsync(a => a.Action == "account.invited" && a.Summary.Contains(email))).Should().BeTrue();
        }

        var invited = app.NewClient();
        (await invited.GetPageAsync(link)).Should().Contain("Priya Sharma");

        var common = Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", "1qaz2wsx3edc4rfv"), new("ConfirmPassword", "1qaz2wsx3edc4rfv")])).Content.ReadAsStringAsync());
        common.Should().Contain("one of the most commonly used passwords");
        var withEmail = $"my {email} is safe";
        var personal = Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", withEmail), new("ConfirmPassword", withEmail)])).Content.ReadAsStringAsync());
        personal.Should().Contain("must not contain your email address");
        var withName = "sharma rules the harbour";
        Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", withName), new("ConfirmPassword", withName)])).Content.ReadAsStringAsync()).Should().Contain("must not contain your name");
        var shortOne = Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", "short"), new("ConfirmPassword", "short")])).Content.ReadAsStringAsync());
        shortOne.Should().Contain("at least 12 characters");
        await using (var db = app.NewDbContext())
        {
            (await db.Users.SingleAsync(u => u.Email == email)).PasswordHash.Should().BeNull(); // nothing saved by the refusals
        }

        var accepted = await invited.SubmitFormAsync(link, [new("Password", "lantern orchard velvet canoe"), new("ConfirmPassword", "lantern orchard velvet canoe")]);
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (accepted.Headers.Location?.OriginalString).Should().Be("/account/security"); // encouraged, not forced, to turn on two-factor
        (await invited.GetPageAsync("/")).Should().Contain("Priya");

        // The link is used up.
        var again = await app.NewClient().GetAsync(link);
        again.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await again.Content.ReadAsStringAsync()).Should().Contain("This link no longer works");
        await using (var db = app.NewDbContext())
        {
            (await db.AuditEntries.AnyAsync(a => a.Action == "account.invitation-accepted" && a.ActorName == email)).Should().BeTrue();
        }
    }

    [Fact]
    public async Task An_invited_case_handler_must_set_up_an_authenticator_before_anything_else()
    {
        var admin = await app.SignedInAdministratorAsync();
        var email = Unique("case");
        var link = await InviteAsync(admin, "Casey Handler", email, Roles.CaseHandler);
        var client = app.NewClient();
        var accepted = await client.SubmitFormAsync(link, [new("Password", "quietly dancing pelicans"), new("ConfirmPassword", "quietly dancing pelicans")]);
        (accepted.Headers.Location?.OriginalString).Should().Be("/account/security/authenticator");

        // Nothing else opens until it is done.
        foreach (var url in new[] { "/", "/team", "/admin/users" })
        {
            var blocked = await client.GetAsync(url);
            blocked.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (blocked.Headers.Location?.OriginalString).Should().Be("/account/security/authenticator");
        }

        var setup = await client.GetPageAsync("/account/security/authenticator");
        setup.Should().Contain("data:image/png;base64,"); // the QR code
        var key = Regex.Match(setup, "id=\"shared-key\"><strong>([^<]+)</strong>").Groups[1].Value;
        var wrong = await client.SubmitFormAsync("/account/security/authenticator", [new("Code", "000000")]);
        Html.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("That code is not right");

        var done = await client.SubmitFormAsync("/account/security/authenticator", [new("Code", Totp.Code(key))]);
        var codes = Regex.Matches(await done.Content.ReadAsStringAsync(), "<li>([0-9A-Z]{5}-[0-9A-Z]{5})</li>").Select(m => m.Groups[1].Value).ToList();
        codes.Count.Should().Be(10);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK); // the session carries on

        // Next time, the password alone is not enough; a recovery code works once.
        var account = new TestAccount(Guid.Empty, email, "quietly dancing pelicans", key.Replace(" ", ""));
        await app.NewClient().SignInAsync(account);
        var other = app.NewClient();
        var step = await other.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", account.Password)]);
        (step.Headers.Location?.OriginalString).Should().StartWith("/account/sign-in/code");
        (await other.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var recovered = await other.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", codes[0])]);
        (recovered.Headers.Location?.OriginalString).Should().Be("/account/security");
        Html.Text(await other.GetPageAsync("/account/security")).Should().Contain("You have 9 left");

        var third = app.NewClient();
        await third.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", account.Password)]);
        var reused = await third.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", codes[0])]);
        Html.Text(await reused.Content.ReadAsStringAsync()).Should().Contain("already been used");

        await using var db = app.NewDbContext();
        var actions = await db.AuditEntries.Where(a => a.ActorName == email).Select(a => a.Action).ToListAsync();
        actions.Should().Contain("account.two-factor-enabled");
        actions.Should().Contain("account.sign-in-failed");
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_existing_session_on_the_next_request_and_blocks_sign_in()
    {
        var person = await app.CreateAccountAsync(Unique("leaving"), [Roles.HRManager], twoFactor: false);
        var theirs = await app.SignedInAsync(person);
        (await theirs.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        var admin = await app.SignedInAdministratorAsync();
        var page = $"/admin/users/edit?id={person.Id}";
        var asked = await admin.SubmitFormAsync(page, [], postUrl: $"/admin/users/edit?id={person.Id}&handler=Disable");
        (await asked.Content.ReadAsStringAsync()).Should().Contain("Yes, disable this account"); // asks first
        (await theirs.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK); // nothing happened yet

        var done = await admin.SubmitFormAsync(page, [new("confirmed", "true")], postUrl: $"/admin/users/edit?id={person.Id}&handler=Disable");
        done.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var next = await theirs.GetAsync("/");
        next.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (next.Headers.Location?.ToString()).Should().StartWith("http://localhost/account/sign-in");
        var refused = await app.NewClient().SubmitFormAsync("/account/sign-in", [new("Email", person.Email), new("Password", person.Password)]);
        Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain("This account cannot sign in");

        await using var db = app.NewDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == "account.disabled" && a.EntityId == person.Id.ToString() && a.ActorName == SetUpAppFactory.AdminEmail)).Should().BeTrue();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_every_device()
    {
        var person = await app.CreateAccountAsync(Unique("two-devices"), [Roles.Director], twoFactor: false);
        var laptop = await app.SignedInAsync(person);
        var phone = await app.SignedInAsync(person);
        (await phone.GetAsync("/position")).StatusCode.Should().Be(HttpStatusCode.OK, "the phone is signed in");
        await laptop.SubmitFormAsync("/", [], postUrl: "/account/sign-out");
        var refused = await phone.GetAsync("/position");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task A_role_change_applies_on_the_next_request_and_is_audited()
    {
        var person = await app.CreateAccountAsync(Unique("promoted"), [Roles.Director], twoFactor: false);
        var theirs = await app.SignedInAsync(person);
        (await theirs.GetAsync("/team")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var admin = await app.SignedInAdministratorAsync();
        var page = $"/admin/users/edit?id={person.Id}";
        var saved = await admin.SubmitFormAsync(page, [new("Roles", Roles.Director), new("Roles", Roles.Manager)], postUrl: page + "&handler=Roles");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await theirs.GetAsync("/team")).StatusCode.Should().Be(HttpStatusCode.OK);

        var none = await admin.SubmitFormAsync(page, [], postUrl: page + "&handler=Roles");
        Html.Text(await none.Content.ReadAsStringAsync()).Should().Contain("Choose at least one role");
        var made = await admin.SubmitFormAsync(page, [new("Roles", "Superuser")], postUrl: page + "&handler=Roles");
        Html.Text(await made.Content.ReadAsStringAsync()).Should().Contain("Choose roles from the list");

        await using var db = app.NewDbContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "account.roles-changed" && a.EntityId == person.Id.ToString());
        entry.Summary.Should().Contain("from Director to Director, Line manager");
        (await theirs.GetAsync("/team")).StatusCode.Should().Be(HttpStatusCode.OK); // refused changes changed nothing
    }

    [Fact]
    public async Task The_last_administrator_can_neither_lose_the_role_nor_be_disabled()
    {
        var admin = await app.SignedInAdministratorAsync();
        var page = $"/admin/users/edit?id={app.Admin.Id}";
        var response = await admin.SubmitFormAsync(page, [new("Roles", Roles.HRManager)], postUrl: page + "&handler=Roles");
        Html.Text(await response.Content.ReadAsStringAsync()).Should().Contain("only active administrator");
        var self = await admin.SubmitFormAsync(page, [new("confirmed", "true")], postUrl: page + "&handler=Disable");
        Html.Text(await self.Content.ReadAsStringAsync()).Should().Contain("You cannot disable your own account");
        (await admin.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_line_manager_sees_only_the_people_at_the_sites_given_to_them()
    {
        var admin = await app.SignedInAdministratorAsync();
        foreach (var site in new[] { "North Depot", "South Depot" })
        {
            await admin.SubmitFormAsync("/admin/sites", [new("Input.Name", site), new("Input.Nation", "England")]);
        }
        var csv = "employee_number,first_name,last_name,site\nN1,Nora,Northern,North Depot\nS1,Sam,Southern,South Depot\n";
        var upload = await admin.UploadAsync("/admin/import", "Upload", "people.csv", System.Text.Encoding.UTF8.GetBytes(csv));
        var preview = upload.Headers.Location!.OriginalString;
        var id = Regex.Match(preview, "id=([^&]+)").Groups[1].Value;
        (await admin.SubmitFormAsync(preview, [new("Id", id)], "/admin/import/preview?handler=Confirm")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var manager = await app.CreateAccountAsync(Unique("manager"), [Roles.Manager], twoFactor: false);
        var theirs = await app.SignedInAsync(manager);
        Html.Text(await theirs.GetPageAsync("/team")).Should().Contain("No sites or departments have been given to you");

        await using (var db = app.NewDbContext())
        {
            var north = await db.Sites.SingleAsync(s => s.Name == "North Depot");
            var page = $"/admin/users/edit?id={manager.Id}";
            var saved = await admin.SubmitFormAsync(page, [new("SiteIds", north.Id.ToString())], postUrl: page + "&handler=Scope");
            saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var bogus = await admin.SubmitFormAsync(page, [new("SiteIds", Guid.NewGuid().ToString())], postUrl: page + "&handler=Scope");
            Html.Text(await bogus.Content.ReadAsStringAsync()).Should().Contain("no longer exists");
        }

        var team = Html.Text(await theirs.GetPageAsync("/team"));
        team.Should().Contain("Nora Northern");
        team.Should().NotContain("Sam Southern");
    }
}
