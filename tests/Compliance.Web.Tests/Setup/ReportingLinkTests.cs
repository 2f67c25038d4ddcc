using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Setup;

public sealed class ReportingLinkTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task The_reporting_page_can_be_found_from_the_sign_in_page_the_overview_and_the_footer_of_every_page()
    {
        var anonymous = app.NewClient();
        var signIn = await anonymous.GetPageAsync("/account/sign-in");
        signIn.Should().Contain("you do not need an account: <a href=\"/report\">report it here</a>");

        var admin = await app.SignedInAdministratorAsync();
        var overview = await admin.GetPageAsync("/");
        overview.Should().Contain("<a href=\"/report\">the reporting page</a>");

        foreach (var html in new[] { signIn, overview, await admin.GetPageAsync("/admin/sites"), await anonymous.GetPageAsync("/report/follow-up") })
        {
            var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
            footer.Should().Contain("<a href=\"/report\">make a report</a>");
            footer.Should().Contain("<a href=\"/report/follow-up\">follow up a report</a>");
        }
    }

    [Fact]
    public async Task A_refused_form_puts_its_error_summary_first_in_the_page_with_a_link_to_each_field()
    {
        var html = await (await app.NewClient().SubmitMultipartAsync("/report", [], [])).Content.ReadAsStringAsync();
        var main = html[(html.IndexOf("<main", StringComparison.Ordinal))..];
        main = main[(main.IndexOf('>') + 1)..].TrimStart();
        main.Should().StartWith("<div class=\"error-summary\"");
        main[..200].Should().Contain("data-focus-on-load");
        main.Should().Contain("<a href=\"#Input_WhatHappened\">");
        main.Should().Contain("id=\"Input_WhatHappened\"");
        main.Should().Contain("Leave this page quickly");
    }
}
