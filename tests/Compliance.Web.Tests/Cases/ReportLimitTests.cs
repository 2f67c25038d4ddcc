using System.Net;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>The case organisation with small limits on the reporting page: 3 reports per client, 5 from everyone, in an hour.</summary>
public sealed class ReportLimitApp : CaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Cases:ReportsPerClientPerHour", "3");
        builder.UseSetting("Compliance:Cases:ReportsPerHour", "5");
        PeerAddress.Enable(builder);
    }
}

/// <summary>Room for reports, but only 1,000 bytes of files an hour from everyone.</summary>
public sealed class UploadLimitApp : CaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Cases:UploadBytesPerHour", "1000");
    }
}

public sealed class ReportLimitTests(ReportLimitApp app) : IClassFixture<ReportLimitApp>
{
    private async Task<long> ReportsAsync()
    {
        await using var db = app.NewDbContext();
        return await db.ReportCases.LongCountAsync();
    }

    [Fact]
    public async Task Reports_past_the_limits_are_refused_with_a_readable_page_keeping_the_words_and_every_earlier_report_is_kept()
    {
        for (var i = 1; i <= 3; i++) await app.ReportAsync(app.ReportFields($"Limit report {i}"), client: app.From("203.0.113.20"));
        var refused = await app.From("203.0.113.20").SubmitMultipartAsync("/report", app.ReportFields("Fourth report, typed with care"), []);
        var html = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        Html.Text(html).Should().Contain("Too many reports have been sent from your connection in the last hour");
        html.Should().Contain("Fourth report, typed with care");
        (await ReportsAsync()).Should().Be(3);

        // Others may still report, until everyone together reaches the hour's limit.
        await app.ReportAsync(app.ReportFields("Limit report 4"), client: app.From("203.0.113.21"));
        await app.ReportAsync(app.ReportFields("Limit report 5"), client: app.From("203.0.113.22"));
        var busy = await app.From("203.0.113.23").SubmitMultipartAsync("/report", app.ReportFields("Sixth report"), []);
        busy.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        Html.Text(await busy.Content.ReadAsStringAsync()).Should().Contain("The reporting page is receiving too many reports right now");
        (await ReportsAsync()).Should().Be(5);
        await using (var db = app.NewDbContext())
        {
            (await db.ReportCases.CountAsync()).Should().Be(5);
        }

        // The handlers see that reports were refused.
        var hattie = await app.SignedInAsync(app.Hattie);
        Html.Text(await hattie.GetPageAsync("/cases")).Should().Contain("2 report submissions were refused in the last day");
    }
}

public sealed class UploadLimitTests(UploadLimitApp app) : IClassFixture<UploadLimitApp>
{
    [Fact]
    public async Task Past_the_hours_upload_budget_a_report_is_still_taken_but_its_files_are_not()
    {
        var first = await app.ReportAsync(app.ReportFields("Report with a note"), [("note.txt", System.Text.Encoding.UTF8.GetBytes(new string('a', 800)))]);
        first.Html.Should().NotContain("too many files");
        var second = await app.ReportAsync(app.ReportFields("Report whose file is over the budget"), [("later.txt", System.Text.Encoding.UTF8.GetBytes(new string('a', 800)))]);
        Html.Text(second.Html).Should().Contain("The reporting page is receiving too many files right now, so this file was not sent. Your report was.");
        await using var db = app.NewDbContext();
        var id = await app.CaseIdAsync(second.Reference);
        (await db.CaseFiles.AnyAsync(f => f.CaseId == id)).Should().BeFalse();
        (await db.CaseFiles.AnyAsync(f => f.CaseId == db.ReportCases.Where(c => c.Reference == first.Reference).Select(c => c.Id).Single())).Should().BeTrue();
    }
}
