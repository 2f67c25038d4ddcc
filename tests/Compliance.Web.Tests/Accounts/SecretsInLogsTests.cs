using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Compliance.Core.Accounts;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Web.Tests.Accounts;

/// <summary>The app with every log message kept, with an operator's configuration turned up to the most verbose level.</summary>
public class VerboseLogsAppFactory : SetUpAppFactory
{
    public ConcurrentQueue<string> Messages { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LogCapture.TurnUpAndCapture(builder, Messages);
    }
}

public sealed class SecretsInLogsTests(VerboseLogsAppFactory app) : IClassFixture<VerboseLogsAppFactory>
{
    [Fact]
    public async Task Invitation_links_passwords_and_api_tokens_never_reach_the_logs()
    {
        var admin = await app.SignedInAdministratorAsync();
        var invite = await admin.SubmitFormAsync("/admin/users/invite", [new("Name", "Logan Quiet"), new("Email", "logan@example.test"), new("Roles", Roles.HRManager)]);
        var link = new Uri(AppClient.InputValue(await invite.Content.ReadAsStringAsync(), "issued-link")).PathAndQuery;
        var secret = link.Split('/').Last();
        const string password = "unlikely porcupine ballet";
        await app.NewClient().SubmitFormAsync(link, [new("Password", password), new("ConfirmPassword", password)]);

        var created = await admin.SubmitFormAsync("/admin/tokens", [new("Name", "Log check"), new("Scopes", ApiScopes.Read)], postUrl: "/admin/tokens?handler=Create");
        var token = AppClient.InputValue(await created.Content.ReadAsStringAsync(), "new-token");
        var api = app.NewClient();
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await api.Http.GetAsync("/api/v1/employees/NOBODY");
        await api.Http.PutAsync("/api/v1/employees/NOBODY", new StringContent("{}", Encoding.UTF8, "application/json"));

        var all = string.Join("\n", app.Messages);
        (app.Messages.Count > 20).Should().BeTrue("The capture should have seen the app's logging."); // the test can see logs at all
        (!all.Contains(secret)).Should().BeTrue(string.Join("\n", app.Messages.Where(m => m.Contains(secret)).Take(5)));
        all.Should().NotContain(password);
        all.Should().NotContain(token);
        all.Should().NotContain(SetUpAppFactory.AdminPassword);
    }
}
