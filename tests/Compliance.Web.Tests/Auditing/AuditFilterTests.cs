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
            Assert.Empty(errors);
        }
        // A user name that a spreadsheet would read as a formula, recorded as the actor of a sign-in.
        var formula = await app.CreateAccountAsync("+formula@example.test", [Roles.Director], twoFactor: false, "Dee Director");
        var director = await app.SignedInAsync(formula);

        var all = Html.Text(await director.GetPageAsync("/audit"));
        Assert.Contains("The chain is intact", all);
        var total = await TestDatabase.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit_entries");

        var sitesPage = await director.GetPageAsync("/audit?action=site.added");
        Assert.Contains("2 entries match", Html.Text(sitesPage));
        var sites = Rows(sitesPage);
        Assert.Contains("Site \"Filter Quay\"", sites);
        Assert.DoesNotContain("account.signed-in", sites);

        var signInsPage = await director.GetPageAsync("/audit?Actor=" + Uri.EscapeDataString("+formula@example.test"));
        Assert.Contains("1 entry match", Html.Text(signInsPage));
        Assert.Contains("account.signed-in", Rows(signInsPage));

        var one = await TestDatabase.ScalarAsync<string>(app.ConnectionString, "SELECT entity_id FROM audit_entries WHERE summary LIKE '%Filter Dock%'");
        var byRecord = Html.Text(await director.GetPageAsync($"/audit?Entity=Site&EntityId={one}"));
        Assert.Contains("1 entry match", byRecord);
        Assert.Contains("Filter Dock", byRecord);

        // Dates are UK days, in the forms people type; tomorrow onwards finds nothing, today finds everything.
        var today = DateTime.UtcNow.AddHours(1).Date;
        Assert.Contains("No entries match the filter.", Html.Text(await director.GetPageAsync($"/audit?From={Uri.EscapeDataString(today.AddDays(2).ToString("d MMMM yyyy"))}")));
        Assert.Contains($"{total:N0} entries match", Html.Text(await director.GetPageAsync($"/audit?From={today.AddDays(-1):dd/MM/yyyy}&To={today.AddDays(1):dd/MM/yyyy}")));

        // Unreadable or impossible filters are named, and list nothing.
        var bad = Html.Text(await director.GetPageAsync("/audit?From=31/02/2026"));
        Assert.Contains("There is a problem", bad);
        Assert.Contains("\"31/02/2026\" is not a date", bad);
        Assert.Contains("No entries match the filter.", bad);
        var backwards = Html.Text(await director.GetPageAsync("/audit?From=02/01/2026&To=01/01/2026"));
        Assert.Contains("The end date is before the start date.", backwards);

        var export = await director.GetAsync("/audit?handler=Csv&action=site.added");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", export.Content.Headers.ContentDisposition?.ToString());
        var csv = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,when_uk,when_utc,who,action,record,record_id,what,previous_hash,hash", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.All(csv.Skip(1), line => Assert.Contains(",site.added,Site,", line));

        // The whole trail, oldest first, chains: each row's previous hash is the row before's hash.
        var whole = Encoding.UTF8.GetString(await (await director.GetAsync("/audit?handler=Csv")).Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(total, whole.Count);
        for (var i = 1; i < whole.Count; i++) Assert.Equal(whole[i - 1][^1], whole[i][^2]);
        // The formula-like name is written as text.
        Assert.Contains(whole, row => string.Join(',', row).Contains("'+formula@example.test"));

        var refused = await director.GetAsync("/audit?handler=Csv&From=not-a-date");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is not a date", await refused.Content.ReadAsStringAsync());
    }

    /// <summary>The text of the entries table only (the filter's lists name every action too).</summary>
    private static string Rows(string html) =>
        Html.Text(System.Text.RegularExpressions.Regex.Match(html, "<tbody>.*?</tbody>", System.Text.RegularExpressions.RegexOptions.Singleline).Value);
}
