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
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            (response.Headers.Location?.OriginalString).Should().Be("/setup");
        }
        (await client.GetAsync("/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetPageAsync("/setup")).Should().Contain("Set up your organisation");
    }

    [Fact]
    public async Task Setup_with_bad_input_names_each_field_and_saves_nothing()
    {
        var client = _app.NewClient();
        var response = await client.SubmitFormAsync("/setup", [new("Input.AdministratorEmail", "not-an-email"), new("Input.Password", "short")]);
        var text = Html.Text(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().Contain("There is a problem");
        text.Should().Contain("Enter the organisation's name.");
        text.Should().Contain("Choose the sector");
        text.Should().Contain("Choose how many people");
        text.Should().Contain("Choose at least one nation");
        text.Should().Contain("Enter your name.");
        text.Should().Contain("\"not-an-email\" is not a valid email address.");
        text.Should().Contain("at least 12 characters");

        var mismatched = ValidForm().Where(f => f.Key != "Input.ConfirmPassword").Append(new("Input.ConfirmPassword", "something else entirely"));
        text = Html.Text(await (await client.SubmitFormAsync("/setup", mismatched)).Content.ReadAsStringAsync());
        text.Should().Contain("The two passwords do not match.");

        await using var db = _app.NewDbContext();
        (await db.Organisations.AnyAsync()).Should().BeFalse();
        (await db.Users.AnyAsync()).Should().BeFalse();
        (await db.AuditEntries.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task Setup_creates_the_organisation_and_an_administrator_who_can_then_sign_in()
    {
        var client = _app.NewClient();
        var response = await client.SubmitFormAsync("/setup", ValidForm());
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (response.Headers.Location?.OriginalString).Should().Be("/account/sign-in");

        await using (var db = _app.NewDbContext())
        {
            var organisation = await db.Organisations.SingleAsync();
            organisation.Name.Should().Be("Harbour Care Ltd");
            organisation.OperatesOutsideDuty.Should().BeTrue();
            var admin = await db.Users.SingleAsync();
            var adminRole = await db.Roles.SingleAsync(r => r.Name == Roles.Administrator);
            (await db.UserRoles.AnyAsync(ur => ur.UserId == admin.Id && ur.RoleId == adminRole.Id)).Should().BeTrue();
            admin.PasswordHash.Should().NotContain("a long enough passphrase");
            var actions = await db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync();
            actions.Should().Equal("organisation.created", "account.created", "organisation.outside-duty-noted");
            (await new AuditVerifier(db, NoCheckpoints.Anchor).VerifyChainAsync()).IsValid.Should().BeTrue();
        }

        // The first administrator signs in, and must set up two-factor sign-in before anything else.
        await client.SignInAsync(new TestAccount(Guid.Empty, "sam@harbour.example", "a long enough passphrase", null));
        var overview = await client.GetAsync("/");
        overview.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (overview.Headers.Location?.OriginalString).Should().Be("/account/security/authenticator");

        // Setup cannot be run a second time, not even by posting to it directly.
        var again = await _app.NewClient().GetAsync("/setup");
        (again.Headers.Location?.OriginalString).Should().Be("/account/sign-in");
        await using (var db = _app.NewDbContext())
        {
            (await db.Organisations.CountAsync()).Should().Be(1);
        }
    }
}
