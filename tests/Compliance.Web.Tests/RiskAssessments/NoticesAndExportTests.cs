using System.Globalization;
using System.Net;
using System.Text;
using Compliance.Core.Organisation;
using Compliance.Core.RiskAssessments;
using Compliance.Web.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task An_hr_manager_records_where_a_notice_is_used_the_page_lists_it_the_audit_keeps_it_and_bad_input_saves_nothing()
    {
        var today = Compliance.Core.UkCalendar.Today(TimeProvider.System);
        Task<int> CountAsync() => app.WithServiceAsync<Core.Data.ComplianceDbContext, int>(db => db.MeasureUses.CountAsync());
        var before = await CountAsync();
        KeyValuePair<string, string>[] Use(string template, string where, string from) => [new("Input.Template", template), new("Input.Where", where), new("Input.UsedFrom", from)];
        foreach (var (fields, message) in new (KeyValuePair<string, string>[], string)[]
        {
            (Use("", "Reception", "1/3/2026"), "Choose a notice or clause from this page."),
            (Use("../../etc/passwd", "Reception", "1/3/2026"), "Choose a notice or clause from this page."),
            (Use("customer-notice", "  ", "1/3/2026"), "Say where it is used"),
            (Use("customer-notice", new string('x', 301), "1/3/2026"), "keep it to 300 characters (it has 301)"),
            (Use("customer-notice", "Reception", "31/2/2026"), "\"31/2/2026\" is not a date."),
            (Use("customer-notice", "Reception", today.AddDays(1).ToString("d/M/yyyy")), "the date cannot be in the future"),
            (Use("customer-notice", "Reception", ""), "Enter the date it was put up or first used."),
        })
        {
            var refused = await app.HrManager.SubmitFormAsync("/risk/notices", fields, "/risk/notices?handler=Use");
            refused.StatusCode.Should().Be(HttpStatusCode.OK);
            Html.Text(await refused.Content.ReadAsStringAsync()).Should().Contain(message);
        }
        (await CountAsync()).Should().Be(before, "nothing refused is saved");
        // Directors read the page but do not record; line managers do not reach it.
        (await app.Director.SubmitFormAsync("/risk/notices", Use("customer-notice", "Reception", "1/3/2026"), "/risk/notices?handler=Use")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountAsync()).Should().Be(before);

        var from = today.AddMonths(-2);
        var saved = await app.HrManager.SubmitFormAsync("/risk/notices", Use("customer-notice", "Reception and bar, Matrix House", from.ToString("d/M/yyyy")), "/risk/notices?handler=Use");
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await CountAsync()).Should().Be(before + 1);
        var page = Html.Text(await app.Director.GetPageAsync("/risk/notices"));
        page.Should().Contain("Reception and bar, Matrix House").And.Contain(Compliance.Core.UkDates.Long(from));
        // The text as it read from that date, hashed, in the record and its audit entry.
        await using var db = app.NewDbContext();
        var use = await db.MeasureUses.AsNoTracking().OrderByDescending(u => u.RecordedAtUtc).FirstAsync();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync();
        var text = app.Services.GetRequiredService<Core.Templating.NoticeTemplates>().Render("customer-notice",
            new Core.Templating.NoticeModel(organisation.Name, organisation.Sector.ToString(), from), Core.Templating.TemplateMode.Text)!;
        use.TextSha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))));
        (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == Core.ThirdParty.RecordMeasureUse.Action && a.EntityId == use.Id.ToString()))
            .Summary.Should().Contain(use.TextSha256).And.Contain("Reception and bar, Matrix House");

        // The evidence pack's step 7 chapter carries it: where, from when, and the text's hash.
        var request = new Core.EvidencePacks.EvidencePack(Guid.NewGuid(), today.AddYears(-1).AddDays(1), today, false, null, "Dina Director", DateTime.UtcNow);
        var pack = await app.WithServiceAsync<Core.EvidencePacks.PackBuilder, Core.EvidencePacks.PackContent>(b => b.BuildAsync(request, DateTime.UtcNow, (_, _) => Task.CompletedTask, default));
        var rows = pack.Chapters.Single(c => c.Title == "Step 7: Third parties").Blocks.OfType<Core.EvidencePacks.PackTable>().SelectMany(t => t.Rows).ToList();
        rows.Should().Contain(r => r.Contains("Reception and bar, Matrix House") && r.Contains(Compliance.Core.UkDates.Long(from)));
        rows.Should().Contain(r => r.Contains(use.TextSha256));
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
