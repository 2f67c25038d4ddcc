using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Setup;

public sealed class ReportingLinkTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task The_reporting_page_can_be_found_from_the_sign_in_page_the_overview_and_the_footer_of_every_page()
    {
        var anonymous = app.NewClient();
        var signIn = await anonymous.GetPageAsync("/account/sign-in");
        Assert.Contains("you do not need an account: <a href=\"/report\">report it here</a>", signIn);

        var admin = await app.SignedInAdministratorAsync();
        var overview = await admin.GetPageAsync("/");
        Assert.Contains("<a href=\"/report\">the reporting page</a>", overview);

        foreach (var html in new[] { signIn, overview, await admin.GetPageAsync("/admin/sites"), await anonymous.GetPageAsync("/report/follow-up") })
        {
            var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
            Assert.Contains("<a href=\"/report\">make a report</a>", footer);
            Assert.Contains("<a href=\"/report/follow-up\">follow up a report</a>", footer);
        }
    }

    [Fact]
    public async Task A_refused_form_puts_its_error_summary_first_in_the_page_with_a_link_to_each_field()
    {
        var html = await (await app.NewClient().SubmitMultipartAsync("/report", [], [])).Content.ReadAsStringAsync();
        var main = html[(html.IndexOf("<main", StringComparison.Ordinal))..];
        main = main[(main.IndexOf('>') + 1)..].TrimStart();
        Assert.StartsWith("<div class=\"error-summary\"", main);
        Assert.Contains("data-focus-on-load", main[..200]);
        Assert.Contains("<a href=\"#Input_WhatHappened\">", main);
        Assert.Contains("id=\"Input_WhatHappened\"", main);
        Assert.Contains("Leave this page quickly", main);
    }
}
