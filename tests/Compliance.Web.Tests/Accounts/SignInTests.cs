using System.Net;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Accounts;

public sealed class SignInTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    private async Task<string> CreateUserAsync(string role) =>
        (await app.CreateAccountAsync($"{Guid.NewGuid():N}@example.test", [role], twoFactor: false)).Email;

    [Fact]
    public async Task Signing_in_with_the_right_password_reaches_the_overview()
    {
        var client = await app.SignedInAdministratorAsync();
        var html = await client.GetPageAsync("/");
        Assert.Contains("Acme Hospitality Ltd", html);
        Assert.Contains("href=\"/admin/sites\"", html);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_recorded()
    {
        var email = await CreateUserAsync(Roles.HRManager);
        var response = await app.NewClient().SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", "not the password at all")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email address or password is not right.", Html.Text(await response.Content.ReadAsStringAsync()));
        await using var db = app.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.sign-in-failed" && a.ActorName == email));
    }

    [Fact]
    public async Task The_fifth_wrong_password_locks_the_account_even_against_the_right_password()
    {
        var account = await app.CreateAccountAsync($"{Guid.NewGuid():N}@example.test", [Roles.Director], twoFactor: false);
        var (email, password) = (account.Email, account.Password);
        var client = app.NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var text = Html.Text(await (await client.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", $"wrong {attempt}")])).Content.ReadAsStringAsync());
            Assert.Contains("The email address or password is not right.", text);
        }
        var fifth = Html.Text(await (await client.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", "wrong 5")])).Content.ReadAsStringAsync());
        Assert.Contains("This account is locked", fifth);

        var right = await client.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", password)]);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("This account is locked", Html.Text(await right.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        await using var db = app.NewDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "account.locked-out" && a.ActorName == email));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/sites")]
    [InlineData("/admin/employees")]
    [InlineData("/admin/import")]
    [InlineData("/audit")]
    public async Task Unauthenticated_requests_are_sent_to_sign_in(string url)
    {
        var response = await app.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in?ReturnUrl=", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_signed_in_person_without_the_administrator_role_cannot_open_administration_pages()
    {
        var client = await app.SignedInAsync(await app.CreateAccountAsync($"{Guid.NewGuid():N}@example.test", [Roles.Director], twoFactor: false));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var response = await client.GetAsync("/admin/employees");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have access to this page", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("href=\"/admin/sites\"", await client.GetPageAsync("/"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.SignedInAdministratorAsync();
        var response = await client.SubmitFormAsync("/", [], postUrl: "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/sites")).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var client = await app.SignedInAdministratorAsync();
        var response = await client.Http.PostAsync("/admin/sites", new FormUrlEncodedContent([new("Input.Name", "Forged Site"), new("Input.Nation", "England")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.NewDbContext();
        Assert.False(await db.Sites.AnyAsync(s => s.Name == "Forged Site"));
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/health")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await app.NewClient().GetAsync(url);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
