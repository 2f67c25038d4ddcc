using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Accounts;

public sealed class HardeningTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.test";

    private async Task<List<string>> RecoveryCodesAsync(Guid userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        return [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(userId.ToString()))!, 10))!];
    }

    [Fact]
    public async Task A_recovery_code_cannot_finish_signing_in_an_account_disabled_after_its_password_was_accepted()
    {
        var person = await app.CreateAccountAsync(Unique("recover"), [Roles.CaseHandler], twoFactor: true);
        var codes = await RecoveryCodesAsync(person.Id);
        var client = app.NewClient();
        var step = await client.SubmitFormAsync("/account/sign-in", [new("Email", person.Email), new("Password", person.Password)]);
        (step.Headers.Location?.OriginalString).Should().StartWith("/account/sign-in/code");

        (await app.WithServiceAsync<StaffAccounts, string?>(s => s.DisableAsync(person.Id, app.Admin.Id))).Should().BeNull();
        var recovered = await client.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", codes[0])]);
        Html.Text(await recovered.Content.ReadAsStringAsync()).Should().Contain("This account cannot sign in");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var code = await client.SubmitFormAsync("/account/sign-in/code", [new("Code", Totp.Code(person.AuthenticatorKey!))]);
        Html.Text(await code.Content.ReadAsStringAsync()).Should().Contain("This account cannot sign in");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_towards_lockout()
    {
        var person = await app.CreateAccountAsync(Unique("guess"), [Roles.CaseHandler], twoFactor: true);
        var codes = await RecoveryCodesAsync(person.Id);
        var client = app.NewClient();
        await client.SubmitFormAsync("/account/sign-in", [new("Email", person.Email), new("Password", person.Password)]);
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await client.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", $"AAAAA-BBBB{i}")]);
            Html.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("not right");
        }
        var fifth = await client.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", "AAAAA-BBBB5")]);
        Html.Text(await fifth.Content.ReadAsStringAsync()).Should().Contain("This account is locked");
        var right = await client.SubmitFormAsync("/account/sign-in/recovery", [new("RecoveryCode", codes[0])]);
        Html.Text(await right.Content.ReadAsStringAsync()).Should().Contain("This account is locked");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/%09/evil.example")]
    public async Task A_return_address_elsewhere_is_ignored_and_never_breaks_sign_in(string returnUrl)
    {
        var person = await app.CreateAccountAsync(Unique("return"), [Roles.Director], twoFactor: false);
        var response = await app.NewClient().SubmitFormAsync("/account/sign-in", [new("Email", person.Email), new("Password", person.Password), new("ReturnUrl", returnUrl)]);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.Should().StartWith("/");
        (location.StartsWith("//") || location.StartsWith("/\\")).Should().BeFalse(location);
    }

    [Fact]
    public async Task New_recovery_codes_and_removing_the_authenticator_need_the_password()
    {
        var person = await app.CreateAccountAsync(Unique("codes"), [Roles.HRManager], twoFactor: true);
        var client = await app.SignedInAsync(person);
        var none = await client.SubmitFormAsync("/account/security", [], postUrl: "/account/security?handler=RecoveryCodes");
        Html.Text(await none.Content.ReadAsStringAsync()).Should().Contain("Enter your password to confirm it is you");
        var wrong = await client.SubmitFormAsync("/account/security", [new("Password", "not my password at all")], postUrl: "/account/security?handler=RecoveryCodes");
        Html.Text(await wrong.Content.ReadAsStringAsync()).Should().Contain("That password is not right");
        var right = await client.SubmitFormAsync("/account/security", [new("Password", person.Password)], postUrl: "/account/security?handler=RecoveryCodes");
        Regex.Matches(await right.Content.ReadAsStringAsync(), "<li>[0-9A-Z]{5}-[0-9A-Z]{5}</li>").Count.Should().Be(10);

        var reset = await client.SubmitFormAsync("/account/security", [new("confirmed", "true")], postUrl: "/account/security?handler=Reset");
        Html.Text(await reset.Content.ReadAsStringAsync()).Should().Contain("Enter your password");
        await using (var db = app.NewDbContext())
        {
            (await db.Users.SingleAsync(u => u.Id == person.Id)).TwoFactorEnabled.Should().BeTrue();
        }
        var done = await client.SubmitFormAsync("/account/security", [new("confirmed", "true"), new("Password", person.Password)], postUrl: "/account/security?handler=Reset");
        (done.Headers.Location?.OriginalString).Should().Be("/account/security/authenticator");
        await using (var db = app.NewDbContext())
        {
            (await db.Users.SingleAsync(u => u.Id == person.Id)).TwoFactorEnabled.Should().BeFalse();
        }
    }

    [Fact]
    public async Task Two_administrators_disabling_each_other_at_once_leave_one_active()
    {
        var first = await app.CreateAccountAsync(Unique("admin-a"), [Roles.Administrator], twoFactor: true);
        var second = await app.CreateAccountAsync(Unique("admin-b"), [Roles.Administrator], twoFactor: true);
        // The set-up administrator steps aside, so these two are the only ones.
        (await app.WithServiceAsync<StaffAccounts, List<FieldError>>(s => s.ChangeRolesAsync(app.Admin.Id, [Roles.Director], first.Id))).Should().BeEmpty();
        try
        {
            var results = await Task.WhenAll(
                app.WithServiceAsync<StaffAccounts, string?>(s => s.DisableAsync(second.Id, first.Id)),
                app.WithServiceAsync<StaffAccounts, string?>(s => s.DisableAsync(first.Id, second.Id)));
            results.Should().ContainSingle(r => r == null);
            results.Should().ContainSingle(r => r != null && r.Contains("only active administrator"));
            await using var db = app.NewDbContext();
            (await db.Users.CountAsync(u => (u.Id == first.Id || u.Id == second.Id) && u.DisabledAtUtc == null)).Should().Be(1);
        }
        finally
        {
            foreach (var id in new[] { first.Id, second.Id })
            {
                await app.WithServiceAsync<StaffAccounts, string?>(s => s.EnableAsync(id, id));
            }
            await app.WithServiceAsync<StaffAccounts, List<FieldError>>(s => s.ChangeRolesAsync(app.Admin.Id, [Roles.Administrator], first.Id));
        }
    }

    [Fact]
    public async Task An_oversized_api_body_is_refused_even_without_a_length()
    {
        var (token, _) = await app.WithServiceAsync<ApiTokens, (CreatedApiToken?, List<FieldError>)>(t => t.CreateAsync("Big", [ApiScopes.EmployeesWrite], app.Admin.Id));
        var client = app.NewClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Token);
        var huge = "{\"first_name\":\"" + new string('a', 200_000) + "\"}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/employees/BIG-1") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }
}

public sealed class TightRateLimitAppFactory : SetUpAppFactory
{
    protected override int SignInPostsPerClient => 5;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddress.Enable(builder);
    }
}

public sealed class RateLimitTests(TightRateLimitAppFactory app) : IClassFixture<TightRateLimitAppFactory>
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_from_one_client_are_refused_for_a_while()
    {
        var client = app.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            var response = await client.SubmitFormAsync("/account/sign-in", [new("Email", "nobody@example.test"), new("Password", $"guess number {i}")]);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var refused = await client.SubmitFormAsync("/account/sign-in", [new("Email", SetUpAppFactory.AdminEmail), new("Password", SetUpAppFactory.AdminPassword)]);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Too many attempts");
        (await client.GetAsync("/account/sign-in")).StatusCode.Should().Be(HttpStatusCode.OK); // reading pages is not limited
    }

    [Fact]
    public async Task A_flood_of_guesses_at_a_policy_letters_code_never_locks_staff_out_of_signing_in()
    {
        var guesser = app.From("192.0.2.77");
        for (var i = 1; i <= 5; i++)
        {
            (await guesser.SubmitFormAsync("/policies/code", [new("Code", $"GUESS-{i:D4}")])).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        (await guesser.SubmitFormAsync("/policies/code", [new("Code", "GUESS-0006")])).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);

        // The same connection (the office's one address) signs a member of staff in: the code's budget is not theirs.
        var staff = await guesser.SubmitFormAsync("/account/sign-in", [new("Email", SetUpAppFactory.AdminEmail), new("Password", SetUpAppFactory.AdminPassword)]);
        staff.StatusCode.Should().NotBe(HttpStatusCode.TooManyRequests);
    }
}
