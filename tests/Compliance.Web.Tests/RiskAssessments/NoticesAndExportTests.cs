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
        html.Should().Contain("Smith &amp; Sons &lt;script&gt;alert(1)&lt;/script&gt; Ltd does not tolerate harassment of our staff");
        html.Should().NotContain("<script>alert(1)");
        html.Should().Contain("Contract clause for suppliers and contractors");

        var download = await app.HrManager.GetAsync("/risk/notices?handler=Download&name=customer-notice");
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (download.Content.Headers.ContentType?.MediaType).Should().Be("text/plain");
        (download.Content.Headers.ContentDisposition?.DispositionType).Should().Be("attachment");
        var text = await download.Content.ReadAsStringAsync();
        text.Should().StartWith("Our staff have the right to work without harassment");
        text.Should().Contain("Smith & Sons <script>alert(1)</script> Ltd does not tolerate");
        text.Should().NotContain("{{");

        foreach (var name in new[] { "../../../../etc/passwd", "..%2F..%2Fappsettings", "CUSTOMER-NOTICE", "missing" })
        {
            (await app.HrManager.GetAsync($"/risk/notices?handler=Download&name={name}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        // Directors read notices (everything but case content); line managers do not.
        (await app.Director.GetAsync("/risk/notices?handler=Download&name=customer-notice")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.LineManager.GetAsync("/risk/notices?handler=Download&name=customer-notice")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_csv_exports_neutralise_cells_a_spreadsheet_would_run_as_formulas()
    {
        var id = await app.StartThroughPageAsync("=HYPERLINK(\"http://evil.example\",\"Click\")", app.HomeSite);
        (await app.WithServiceAsync<RiskAssessmentWork, List<FieldError>>(w => w.AddActionAsync(id, new ActionInput(null, "@SUM(A1:A9)", "+44 20 7946 0000", UkToday)))).Should().BeEmpty();
        var logged = await app.LineManager.SubmitFormAsync("/incidents/new",
        [
            new("Input.OccurredOn", UkToday), new("Input.SiteId", app.HomeSite.ToString()), new("Input.PartyType", "MemberOfPublic"),
            new("Input.Description", "-2+3 shouted across the lobby"), new("Input.Responses", "NoneYet"),
        ]);
        logged.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var assessments = await CsvAsync("/risk/export?handler=Assessments");
        assessments.Should().Contain(r => r["title"] == "'=HYPERLINK(\"http://evil.example\",\"Click\")" && r["site"] == "Harbour Hotel" && r["current_status"] == "Draft");
        var actions = await CsvAsync("/risk/export?handler=Actions");
        actions.Should().Contain(r => r["action"] == "'@SUM(A1:A9)" && r["owner"] == "'+44 20 7946 0000" && r["status"] == "Open");
        var incidents = await CsvAsync("/risk/export?handler=Incidents");
        incidents.Should().Contain(r => r["what_happened"] == "'-2+3 shouted across the lobby" && r["third_party"] == "Member of the public" && r["action_taken"] == "None yet");
        (await app.Director.GetAsync("/risk/export?handler=Incidents")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.LineManager.GetAsync("/risk/export?handler=Incidents")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<List<Dictionary<string, string>>> CsvAsync(string url)
    {
        var response = await app.HrManager.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (response.Content.Headers.ContentType?.MediaType).Should().Be("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].Should().Equal(0xEF, 0xBB, 0xBF);
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
