using System.Net;
using Compliance.Core.Accounts;
using Compliance.Core.Auditing;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Setup;

/// <summary>Each test gets a brand-new installation.</summary>
public sealed class SetupTests : IAsyncLifetime
{
    private readonly ComplianceAppFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    private static List<KeyValuePair<string, string>> ValidForm(string password = "a long enough passphrase") =>
    [
        new("Input.OrganisationName", "Harbour Care Ltd"), new("Input.Sector", "HealthAndSocialCare"), new("Input.SizeBand", "Large"),
        new("Input.Nations", "England"), new("Input.Nations", "NorthernIreland"),
        new("Input.AdministratorName", "Sam Admin"), new("Input.AdministratorEmail", "sam@harbour.example"),
        new("Input.Password", password), new("Input.ConfirmPassword", password),
    ];

    [Fact]
    public async Task Before_setup_every_page_leads_to_the_setup_page()
    {
        var client = _app.NewClient();
        foreach (var url in new[] { "/", "/admin/sites", "/account/sign-in" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/setup", response.Headers.Location?.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Contains("Set up your organisation", await client.GetPageAsync("/setup"));
    }

    [Fact]
    public async Task Setup_with_bad_input_names_each_field_and_saves_nothing()
    {
        var client = _app.NewClient();
        var response = await client.SubmitFormAsync("/setup", [new("Input.AdministratorEmail", "not-an-email"), new("Input.Password", "short")]);
        var text = Html.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", text);
        Assert.Contains("Enter the organisation's name.", text);
        Assert.Contains("Choose the sector", text);
        Assert.Contains("Choose how many people", text);
        Assert.Contains("Choose at least one nation", text);
        Assert.Contains("Enter your name.", text);
        Assert.Contains("\"not-an-email\" is not a valid email address.", text);
        Assert.Contains("at least 12 characters", text);

        var mismatched = ValidForm().Where(f => f.Key != "Input.ConfirmPassword").Append(new("Input.ConfirmPassword", "something else entirely"));
        text = Html.Text(await (await client.SubmitFormAsync("/setup", mismatched)).Content.ReadAsStringAsync());
        Assert.Contains("The two passwords do not match.", text);

        await using var db = _app.NewDbContext();
        Assert.False(await db.Organisations.AnyAsync());
        Assert.False(await db.Users.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
    }

    [Fact]
    public async Task Setup_creates_the_organisation_and_an_administrator_who_can_then_sign_in()
    {
        var client = _app.NewClient();
        var response = await client.SubmitFormAsync("/setup", ValidForm());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.OriginalString);

        await using (var db = _app.NewDbContext())
        {
            var organisation = await db.Organisations.SingleAsync();
            Assert.Equal("Harbour Care Ltd", organisation.Name);
            Assert.True(organisation.OperatesOutsideDuty);
            var admin = await db.Users.SingleAsync();
            var adminRole = await db.Roles.SingleAsync(r => r.Name == Roles.Administrator);
            Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == admin.Id && ur.RoleId == adminRole.Id));
            Assert.DoesNotContain("a long enough passphrase", admin.PasswordHash);
            var actions = await db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
            Assert.Equal(["organisation.created", "account.created", "organisation.outside-duty-noted"], actions);
            Assert.True((await new AuditVerifier(db, NoCheckpoints.Anchor).VerifyAsync()).IsValid);
        }

        // The first administrator signs in, and must set up two-factor sign-in before anything else.
        await client.SignInAsync(new TestAccount(Guid.Empty, "sam@harbour.example", "a long enough passphrase", null));
        var overview = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal("/account/security/authenticator", overview.Headers.Location?.OriginalString);

        // Setup cannot be run a second time, not even by posting to it directly.
        var again = await _app.NewClient().GetAsync("/setup");
        Assert.Equal("/account/sign-in", again.Headers.Location?.OriginalString);
        await using (var db = _app.NewDbContext())
        {
            Assert.Equal(1, await db.Organisations.CountAsync());
        }
    }
}
