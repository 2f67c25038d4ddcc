using System.Net;
using System.Text;
using Compliance.Core.Accounts;
using Compliance.Core.Employees;
using Compliance.Core.Organisation;
using Compliance.Web.Tests.Infrastructure;

namespace Compliance.Web.Tests.Auditing;

public sealed class AuditFilterTests(SetUpAppFactory app) : IClassFixture<SetUpAppFactory>
{
    [Fact]
    public async Task A_director_filters_the_trail_by_action_actor_record_and_dates_and_exports_what_the_filter_finds()
    {
        foreach (var name in new[] { "Filter Quay", "Filter Dock" })
        {
            var (_, errors) = await app.WithServiceAsync<SaveSite, (Guid?, List<FieldError>)>(s => s.HandleAsync(new SaveSiteInput(null, name, Nation.England, null)));
            errors.Should().BeEmpty();
        }
        // A user name that a spreadsheet would read as a formula, recorded as the actor of a sign-in.
        var formula = await app.CreateAccountAsync("+formula@example.test", [Roles.Director], twoFactor: false, "Dee Director");
        var director = await app.SignedInAsync(formula);

        var all = Html.Text(await director.GetPageAsync("/audit"));
        all.Should().Contain("The chain is intact");
        var total = await TestDatabase.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit_entries");

        var sitesPage = await director.GetPageAsync("/audit?action=site.added");
        Html.Text(sitesPage).Should().Contain("2 entries match");
        var sites = Rows(sitesPage);
        sites.Should().Contain("Site \"Filter Quay\"");
        sites.Should().NotContain("account.signed-in");

        var signInsPage = await director.GetPageAsync("/audit?Actor=" + Uri.EscapeDataString("+formula@example.test"));
        Html.Text(signInsPage).Should().Contain("1 entry match");
        Rows(signInsPage).Should().Contain("account.signed-in");

        var one = await TestDatabase.ScalarAsync<string>(app.ConnectionString, "SELECT entity_id FROM audit_entries WHERE summary LIKE '%Filter Dock%'");
        var byRecord = Html.Text(await director.GetPageAsync($"/audit?Entity=Site&EntityId={one}"));
        byRecord.Should().Contain("1 entry match");
        byRecord.Should().Contain("Filter Dock");

        // Dates are UK days, in the forms people type; tomorrow onwards finds nothing, today finds everything.
        var today = DateTime.UtcNow.AddHours(1).Date;
        Html.Text(await director.GetPageAsync($"/audit?From={Uri.EscapeDataString(today.AddDays(2).ToString("d MMMM yyyy"))}")).Should().Contain("No entries match the filter.");
        Html.Text(await director.GetPageAsync($"/audit?From={today.AddDays(-1):dd/MM/yyyy}&To={today.AddDays(1):dd/MM/yyyy}")).Should().Contain($"{total:N0} entries match");

        // Unreadable or impossible filters are named, and list nothing.
        var bad = Html.Text(await director.GetPageAsync("/audit?From=31/02/2026"));
        bad.Should().Contain("There is a problem");
        bad.Should().Contain("\"31/02/2026\" is not a date");
        bad.Should().Contain("No entries match the filter.");
        var backwards = Html.Text(await director.GetPageAsync("/audit?From=02/01/2026&To=01/01/2026"));
        backwards.Should().Contain("The end date is before the start date.");

        var export = await director.GetAsync("/audit?handler=Csv&action=site.added");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        (export.Content.Headers.ContentType?.MediaType).Should().Be("text/csv");
        (export.Content.Headers.ContentDisposition?.ToString()).Should().StartWith("attachment");
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().Be("sequence,when_uk,when_utc,who,action,record,record_id,what,previous_hash,hash");
        csv.Length.Should().Be(3);
        csv.Skip(1).Should().AllSatisfy(line => line.Should().Contain(",site.added,Site,"));

        // The whole trail, oldest first, chains: each row's previous hash is the row before's hash.
        var whole = Encoding.UTF8.GetString(await (await director.GetAsync("/audit?handler=Csv")).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        ((long)whole.Count).Should().Be(total);
        for (var i = 1; i < whole.Count; i++) whole[i][^2].Should().Be(whole[i - 1][^1]);
        // The formula-like name is written as text.
        whole.Should().Contain(row => string.Join(',', row).Contains("'+formula@example.test"));

        var refused = await director.GetAsync("/audit?handler=Csv&From=not-a-date");
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (refused.Content.Headers.ContentType?.MediaType).Should().Be("text/html");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("is not a date");
    }

    /// <summary>The text of the entries table only (the filter's lists name every action too).</summary>
    private static string Rows(string html) =>
        Html.Text(System.Text.RegularExpressions.Regex.Match(html, "<tbody>.*?</tbody>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);
}
