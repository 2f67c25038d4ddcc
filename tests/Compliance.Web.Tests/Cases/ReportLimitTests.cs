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

/// <summary>Room for reports, but only 1,000 bytes of files an hour from everyone, and 1,000 from any one client.</summary>
public sealed class UploadLimitApp : CaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Cases:UploadBytesPerHour", "1000");
        builder.UseSetting("Compliance:Cases:UploadBytesPerClientPerHour", "1000");
    }
}

/// <summary>4,000 bytes of files an hour from everyone, 900 from any one client; each test's clients come from addresses of their own.</summary>
public sealed class UploadShareApp : CaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Cases:UploadBytesPerHour", "4000");
        builder.UseSetting("Compliance:Cases:UploadBytesPerClientPerHour", "900");
        PeerAddress.Enable(builder);
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

/// <summary>One client with a script tries to spend the hour's upload budget for everyone, as the attack came.</summary>
public sealed class UploadBudgetAttackTests(UploadShareApp app) : IClassFixture<UploadShareApp>
{
    private static byte[] Note(int bytes) => System.Text.Encoding.UTF8.GetBytes(new string('a', bytes));

    [Fact]
    public async Task Files_with_a_report_refused_for_its_fields_a_file_past_the_count_and_a_reply_with_a_wrong_key_are_never_charged()
    {
        var attacker = app.From("203.0.113.40");
        var fields = app.ReportFields("");
        fields.Remove("Input.WhatHappened");
        for (var i = 0; i < 3; i++)
        {
            var empty = await attacker.SubmitMultipartAsync("/report", fields, [("a.txt", Note(800))]);
            Html.Text(await empty.Content.ReadAsStringAsync()).Should().NotContain("Your report has been sent");
        }
        // Six files where five are taken: the sixth is refused by count and never charged (5 x 150 bytes fit in 900).
        var six = await app.ReportAsync(app.ReportFields("Six files"), Enumerable.Range(1, 6).Select(n => ($"f{n}.txt", Note(150))), attacker);
        Html.Text(six.Html).Should().NotContain("too many files");
        // Replies with a wrong key carrying files: refused before anything is kept, so nothing is charged.
        for (var i = 0; i < 3; i++)
        {
            var reply = await attacker.SubmitMultipartAsync("/report/follow-up", [new("Reference", six.Reference), new("Key", Core.Cases.CaseSecrets.NewKey()), new("Message", "x")],
                [("b.txt", Note(800))], postUrl: "/report/follow-up?handler=Reply");
            Html.Text(await reply.Content.ReadAsStringAsync()).Should().NotContain("Your message has been sent");
        }

        // A real reporter elsewhere still sends their photo.
        var reporter = await app.ReportAsync(app.ReportFields("A real report"), [("photo.txt", Note(800))], app.From("198.51.100.41"));
        Html.Text(reporter.Html).Should().NotContain("too many files");
        await using var db = app.NewDbContext();
        var id = await app.CaseIdAsync(reporter.Reference);
        (await db.CaseFiles.CountAsync(f => f.CaseId == id)).Should().Be(1);
    }

    [Fact]
    public async Task One_client_uses_only_its_share_of_the_hours_upload_budget()
    {
        var greedy = app.From("203.0.113.50");
        var first = await app.ReportAsync(app.ReportFields("Greedy one"), [("a.txt", Note(600))], greedy);
        Html.Text(first.Html).Should().NotContain("too many files");
        var second = await app.ReportAsync(app.ReportFields("Greedy two"), [("b.txt", Note(600))], greedy);
        Html.Text(second.Html).Should().Contain("too many files", "600 more would take this client past its share of 900");
        var other = await app.ReportAsync(app.ReportFields("Someone else"), [("c.txt", Note(600))], app.From("198.51.100.51"));
        Html.Text(other.Html).Should().NotContain("too many files");
    }

    [Fact]
    public async Task Every_address_in_one_IPv6_network_of_64_bits_is_one_client()
    {
        var first = await app.ReportAsync(app.ReportFields("From one address"), [("a.txt", Note(600))], app.From("2001:db8:7:7::10"));
        Html.Text(first.Html).Should().NotContain("too many files");
        var next = await app.ReportAsync(app.ReportFields("From the next address"), [("b.txt", Note(600))], app.From("2001:db8:7:7:ffff::1"));
        Html.Text(next.Html).Should().Contain("too many files", "the same home or phone connection holds every address in its /64");
    }
}
