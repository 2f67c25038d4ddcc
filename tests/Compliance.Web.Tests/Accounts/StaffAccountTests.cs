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
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
            Assert.DoesNotContain(invitation.SecretHash, link); // only the hash is kept
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.invited" && a.Summary.Contains(email)));
        }

        var invited = app.NewClient();
        Assert.Contains("Priya Sharma", await invited.GetPageAsync(link));

        var common = Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", "1qaz2wsx3edc4rfv"), new("ConfirmPassword", "1qaz2wsx3edc4rfv")])).Content.ReadAsStringAsync());
        Assert.Contains("one of the most commonly used passwords", common);
        var withEmail = $"my {email} is safe";
        var personal = Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", withEmail), new("ConfirmPassword", withEmail)])).Content.ReadAsStringAsync());
        Assert.Contains("must not contain your email address", personal);
        var withName = "sharma rules the harbour";
        Assert.Contains("must not contain your name", Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", withName), new("ConfirmPassword", withName)])).Content.ReadAsStringAsync()));
        var shortOne = Html.Text(await (await invited.SubmitFormAsync(link, [new("Password", "short"), new("ConfirmPassword", "short")])).Content.ReadAsStringAsync());
        Assert.Contains("at least 12 characters", shortOne);
        await using (var db = app.NewDbContext())
        {
            Assert.Null((await db.Users.SingleAsync(u => u.Email == email)).PasswordHash); // nothing saved by the refusals
        }

        var accepted = await invited.SubmitFormAsync(link, [new("Password", "lantern orchard velvet canoe"), new("ConfirmPassword", "lantern orchard velvet canoe")]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/account/security", accepted.Headers.Location?.OriginalString); // encouraged, not forced, to turn on two-factor
        Assert.Contains("Priya", await invited.GetPageAsync("/"));

        // The link is used up.
        var again = await app.NewClient().GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("This link no longer works", await again.Content.ReadAsStringAsync());
        await using (var db = app.NewDbContext())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.invitation-accepted" && a.ActorName == email));
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
        Assert.Equal("/account/security/authenticator", accepted.Headers.Location?.OriginalString);

        // Nothing else opens until it is done.
        foreach (var url in new[] { "/", "/team", "/admin/users" })
        {
            var blocked = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/account/security/authenticator", blocked.Headers.Location?.OriginalString);
        }

        var setup = await client.GetPageAsync("/account/security/authenticator");
        Assert.Contains("data:image/png;base64,", setup); // the QR code
        var key = Regex.Match(setup, "id=\"shared-key\"><strong>([^<]+)</strong>").Groups[1].Value;
        var wrong = await client.SubmitFormAsync("/account/security/authenticator", [new("Code", "000000")]);
        Assert.Contains("That code is not right", Html.Text(await wrong.Content.ReadAsStringAsync()));

        var done = await client.SubmitFormAsync("/account/security/authenticator", [new("Code", Totp.Code(key))]);
        var codes = Regex.Matches(await done.Content.ReadAsStringAsync(), "<li>([0-9A-Z]{5}-[0-9A-Z]{5})</li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // the session carries on

        // Next time, the password alone is not enough; a recovery code works once.
        var account = new TestAccount(Guid.Empty, email, "quietly dancing pelicans", key.Replace(" ", ""));
        await app.NewClient().SignInAsync(account);
        var other = app.NewClient();
        var step = await other.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", account.Password)]);
        Assert.StartsWith("/account/sign-in/code", step.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/")).StatusCode);
        var recovered = await other.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", codes[0])]);
        Assert.Equal("/account/security", recovered.Headers.Location?.OriginalString);
        Assert.Contains("You have 9 left", Html.Text(await other.GetPageAsync("/account/security")));

        var third = app.NewClient();
        await third.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", account.Password)]);
        var reused = await third.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", codes[0])]);
        Assert.Contains("already been used", Html.Text(await reused.Content.ReadAsStringAsync()));

        await using var db = app.NewDbContext();
        var actions = await db.AuditEntries.Where(a => a.ActorName == email).Select(a => a.Action).ToListAsync();
        Assert.Contains("account.two-factor-enabled", actions);
        Assert.Contains("account.sign-in-failed", actions);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_existing_session_on_the_next_request_and_blocks_sign_in()
    {
        var person = await app.CreateAccountAsync(Unique("leaving"), [Roles.HRManager], twoFactor: false);
        var theirs = await app.SignedInAsync(person);
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync("/")).StatusCode);

        var admin = await app.SignedInAdministratorAsync();
        var page = $"/admin/users/edit?id={person.Id}";
        var asked = await admin.SubmitFormAsync(page, [], postUrl: $"/admin/users/edit?id={person.Id}&handler=Disable");
        Assert.Contains("Yes, disable this account", await asked.Content.ReadAsStringAsync()); // asks first
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync("/")).StatusCode); // nothing happened yet

        var done = await admin.SubmitFormAsync(page, [new("confirmed", "true")], postUrl: $"/admin/users/edit?id={person.Id}&handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var next = await theirs.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", next.Headers.Location?.ToString());
        var refused = await app.NewClient().SubmitFormAsync("/account/sign-in", [new("Email", person.Email), new("Password", person.Password)]);
        Assert.Contains("This account cannot sign in", Html.Text(await refused.Content.ReadAsStringAsync()));

        await using var db = app.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.disabled" && a.EntityId == person.Id.ToString() && a.ActorName == SetUpAppFactory.AdminEmail));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_every_device()
    {
        var person = await app.CreateAccountAsync(Unique("two-devices"), [Roles.Director], twoFactor: false);
        var laptop = await app.SignedInAsync(person);
        var phone = await app.SignedInAsync(person);
        await laptop.SubmitFormAsync("/", [], postUrl: "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_applies_on_the_next_request_and_is_audited()
    {
        var person = await app.CreateAccountAsync(Unique("promoted"), [Roles.Director], twoFactor: false);
        var theirs = await app.SignedInAsync(person);
        Assert.Equal(HttpStatusCode.Forbidden, (await theirs.GetAsync("/team")).StatusCode);

        var admin = await app.SignedInAdministratorAsync();
        var page = $"/admin/users/edit?id={person.Id}";
        var saved = await admin.SubmitFormAsync(page, [new("Roles", Roles.Director), new("Roles", Roles.Manager)], postUrl: page + "&handler=Roles");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync("/team")).StatusCode);

        var none = await admin.SubmitFormAsync(page, [], postUrl: page + "&handler=Roles");
        Assert.Contains("Choose at least one role", Html.Text(await none.Content.ReadAsStringAsync()));
        var made = await admin.SubmitFormAsync(page, [new("Roles", "Superuser")], postUrl: page + "&handler=Roles");
        Assert.Contains("Choose roles from the list", Html.Text(await made.Content.ReadAsStringAsync()));

        await using var db = app.NewDbContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "account.roles-changed" && a.EntityId == person.Id.ToString());
        Assert.Contains("from Director to Director, Line manager", entry.Summary);
        Assert.Equal(HttpStatusCode.OK, (await theirs.GetAsync("/team")).StatusCode); // refused changes changed nothing
    }

    [Fact]
    public async Task The_last_administrator_can_neither_lose_the_role_nor_be_disabled()
    {
        var admin = await app.SignedInAdministratorAsync();
        var page = $"/admin/users/edit?id={app.Admin.Id}";
        var response = await admin.SubmitFormAsync(page, [new("Roles", Roles.HRManager)], postUrl: page + "&handler=Roles");
        Assert.Contains("only active administrator", Html.Text(await response.Content.ReadAsStringAsync()));
        var self = await admin.SubmitFormAsync(page, [new("confirmed", "true")], postUrl: page + "&handler=Disable");
        Assert.Contains("You cannot disable your own account", Html.Text(await self.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
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
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(preview, [new("Id", id)], "/admin/import/preview?handler=Confirm")).StatusCode);

        var manager = await app.CreateAccountAsync(Unique("manager"), [Roles.Manager], twoFactor: false);
        var theirs = await app.SignedInAsync(manager);
        Assert.Contains("No sites or departments have been given to you", Html.Text(await theirs.GetPageAsync("/team")));

        await using (var db = app.NewDbContext())
        {
            var north = await db.Sites.SingleAsync(s => s.Name == "North Depot");
            var page = $"/admin/users/edit?id={manager.Id}";
            var saved = await admin.SubmitFormAsync(page, [new("SiteIds", north.Id.ToString())], postUrl: page + "&handler=Scope");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var bogus = await admin.SubmitFormAsync(page, [new("SiteIds", Guid.NewGuid().ToString())], postUrl: page + "&handler=Scope");
            Assert.Contains("no longer exists", Html.Text(await bogus.Content.ReadAsStringAsync()));
        }

        var team = Html.Text(await theirs.GetPageAsync("/team"));
        Assert.Contains("Nora Northern", team);
        Assert.DoesNotContain("Sam Southern", team);
    }
}
