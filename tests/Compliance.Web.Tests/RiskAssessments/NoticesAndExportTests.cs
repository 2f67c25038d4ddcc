using System.Globalization;
using System.Net;
using System.Text;
using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.RiskAssessments;

public sealed class NoticesAndExportTests(RiskApp app) : IClassFixture<RiskApp>
{
    private static string UkToday => Compliance.Core.UkCalendar.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Notices_are_filled_from_the_organisation_profile_with_html_escaped_and_download_as_text()
    {
        await using (var db = app.NewDbContext())
        {
            var organisation = await db.Organisations.SingleAsync();
            organisation.Update("Smith & Sons <script>alert(1)</script> Ltd", organisation.Sector, organisation.SizeBand, organisation.Nations);
            await db.SaveChangesAsync();
        }

        var html = await app.HrManager.GetPageAsync("/risk/notices");
        Assert.Contains("Smith &amp; Sons &lt;script&gt;alert(1)&lt;/script&gt; Ltd does not tolerate harassment of our staff", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("Contract clause for suppliers and contractors", html);

        var download = await app.HrManager.GetAsync("/risk/notices?handler=Download&name=customer-notice");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var text = await download.Content.ReadAsStringAsync();
        Assert.StartsWith("Our staff have the right to work without harassment", text);
        Assert.Contains("Smith & Sons <script>alert(1)</script> Ltd does not tolerate", text);
        Assert.DoesNotContain("{{", text);

        foreach (var name in new[] { "../../../../etc/passwd", "..%2F..%2Fappsettings", "CUSTOMER-NOTICE", "missing" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.HrManager.GetAsync($"/risk/notices?handler=Download&name={name}")).StatusCode);
        }
        // Directors read notices (everything but case content); line managers do not.
        Assert.Equal(HttpStatusCode.OK, (await app.Director.GetAsync("/risk/notices?handler=Download&name=customer-notice")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.LineManager.GetAsync("/risk/notices?handler=Download&name=customer-notice")).StatusCode);
    }

    [Fact]
    public async Task The_csv_exports_neutralise_cells_a_spreadsheet_would_run_as_formulas()
    {
        var id = await app.StartThroughPageAsync("=HYPERLINK(\"http://evil.example\",\"Click\")", app.HomeSite);
        Assert.Empty(await app.WithServiceAsync<RiskAssessmentWork, List<Core.Employees.FieldError>>(w => w.AddActionAsync(id, new ActionInput(null, "@SUM(A1:A9)", "+44 20 7946 0000", UkToday))));
        var logged = await app.LineManager.SubmitFormAsync("/incidents/new",
        [
            new("Input.OccurredOn", UkToday), new("Input.SiteId", app.HomeSite.ToString()), new("Input.PartyType", "MemberOfPublic"),
            new("Input.Description", "-2+3 shouted across the lobby"), new("Input.Responses", "NoneYet"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);

        var assessments = await CsvAsync("/risk/export?handler=Assessments");
        Assert.Contains(assessments, r => r["title"] == "'=HYPERLINK(\"http://evil.example\",\"Click\")" && r["site"] == "Harbour Hotel" && r["current_status"] == "Draft");
        var actions = await CsvAsync("/risk/export?handler=Actions");
        Assert.Contains(actions, r => r["action"] == "'@SUM(A1:A9)" && r["owner"] == "'+44 20 7946 0000" && r["status"] == "Open");
        var incidents = await CsvAsync("/risk/export?handler=Incidents");
        Assert.Contains(incidents, r => r["what_happened"] == "'-2+3 shouted across the lobby" && r["third_party"] == "Member of the public" && r["action_taken"] == "None yet");
        Assert.Equal(HttpStatusCode.OK, (await app.Director.GetAsync("/risk/export?handler=Incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.LineManager.GetAsync("/risk/export?handler=Incidents")).StatusCode);
    }

    private async Task<List<Dictionary<string, string>>> CsvAsync(string url)
    {
        var response = await app.HrManager.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        await reader.ReadAsync();
        reader.ReadHeader();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.HeaderRecord!.ToDictionary(h => h, h => reader.GetField(h)!));
        }
        return rows;
    }
}
