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
        html.Should().Contain("Acme Hospitality Ltd");
        html.Should().Contain("href=\"/admin/sites\"");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_recorded()
    {
        var email = await CreateUserAsync(Roles.HRManager);
        var response = await app.NewClient().SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", "not the password at all")]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await response.Content.ReadAsStringAsync()).Should().Contain("The email address or password is not right.");
        await using var db = app.NewDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == "account.sign-in-failed" && a.ActorName == email)).Should().BeTrue();
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
            text.Should().Contain("The email address or password is not right.");
        }
        var fifth = Html.Text(await (await client.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", "wrong 5")])).Content.ReadAsStringAsync());
        fifth.Should().Contain("This account is locked");

        var right = await client.SubmitFormAsync("/account/sign-in", [new("Email", email), new("Password", password)]);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        Html.Text(await right.Content.ReadAsStringAsync()).Should().Contain("This account is locked");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var db = app.NewDbContext();
        (await db.AuditEntries.CountAsync(a => a.Action == "account.locked-out" && a.ActorName == email)).Should().Be(1);
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
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (response.Headers.Location?.ToString()).Should().StartWith("http://localhost/account/sign-in?ReturnUrl=");
    }

    [Fact]
    public async Task A_signed_in_person_without_the_administrator_role_cannot_open_administration_pages()
    {
        var client = await app.SignedInAsync(await app.CreateAccountAsync($"{Guid.NewGuid():N}@example.test", [Roles.Director], twoFactor: false));

        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        var response = await client.GetAsync("/admin/employees");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("You do not have access to this page");
        (await client.GetPageAsync("/")).Should().NotContain("href=\"/admin/sites\"");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_so_its_cookie_no_longer_opens_a_page()
    {
        // A browser whose cookies the test can read, to replay the session cookie as someone who copied it would.
        var cookies = new CookieContainer();
        var client = new AppClient(app.CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)));
        var person = await app.CreateAccountAsync($"{Guid.NewGuid():N}@example.test", [Roles.Administrator, Roles.Director], twoFactor: true);
        await client.SignInAsync(person);
        var session = cookies.GetCookieHeader(new Uri("http://localhost"));
        session.Should().NotBeEmpty();
        (await Replayed(session, "/admin/sites")).StatusCode.Should().Be(HttpStatusCode.OK, "the copied cookie opens the page while the session lasts");

        var response = await client.SubmitFormAsync("/", [], postUrl: "/account/sign-out");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await client.GetAsync("/admin/sites");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.Should().Contain("/account/sign-in");
        // The cookie as it was before signing out is refused too: the session ended on the server, not just in the browser.
        var replayed = await Replayed(session, "/admin/sites");
        replayed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        replayed.Headers.Location!.OriginalString.Should().Contain("/account/sign-in");
    }

    private async Task<HttpResponseMessage> Replayed(string cookieHeader, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookieHeader);
        return await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var client = await app.SignedInAdministratorAsync();
        var response = await client.Http.PostAsync("/admin/sites", new FormUrlEncodedContent([new("Input.Name", "Forged Site"), new("Input.Nation", "England")]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await using var db = app.NewDbContext();
        (await db.Sites.AnyAsync(s => s.Name == "Forged Site")).Should().BeFalse();
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/health")]
    [InlineData("/css/site.css")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await app.NewClient().GetAsync(url);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        csp.Should().NotContain("unsafe-inline");
        csp.Should().Contain("frame-ancestors 'none'");
        csp.Should().Contain("script-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
    }
}
