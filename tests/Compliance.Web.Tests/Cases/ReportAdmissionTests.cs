using System.Net;
using Compliance.Web.Infrastructure;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Web.Tests.Cases;

/// <summary>The case organisation working on two reports at once, whose reporters wait at most two seconds for a turn.</summary>
public sealed class TwoReportsAtOnceApp : CaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Cases:ReportsAtOnce", "2");
        builder.UseSetting("Compliance:Database:WriteWaitLimit", "00:00:02");
        // Exactly the reports this class's tests send: one refused as busy and then counted would be one too many.
        builder.UseSetting("Compliance:Cases:ReportsPerClientPerHour", "5");
    }
}

/// <summary>
/// A burst of reports is worked on a few at a time: the rest wait their turn in order, and one that cannot have a
/// turn in time is told so at once, with nothing saved and the words kept (on both engines).
/// </summary>
public sealed class ReportAdmissionTests(TwoReportsAtOnceApp app) : IClassFixture<TwoReportsAtOnceApp>
{
    private async Task<int> ReportsAsync()
    {
        await using var db = app.NewDbContext();
        return await db.ReportCases.CountAsync();
    }

    [Fact]
    public async Task Reports_past_the_number_worked_on_at_once_wait_their_turn_and_are_refused_with_their_words_kept_when_none_comes()
    {
        var admission = app.Services.GetRequiredService<ReportAdmission>();
        const string words = "He waited by my car after the late shift & asked where I live.";
        var before = await ReportsAsync();

        // Both turns taken by reports still being worked on: the next is refused after the wait, and nothing is saved.
        var first = await admission.EnterAsync(default);
        var second = await admission.EnterAsync(default);
        first.Should().NotBeNull();
        second.Should().NotBeNull();
        admission.Working.Should().Be(2);
        var reporter = app.NewClient();
        var refused = await reporter.SubmitMultipartAsync("/report", app.ReportFields(words), [("note.txt", "a note"u8.ToArray())]);
        var html = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter.Should().NotBeNull();
        Html.Text(html).Should().Contain("Too many reports are arriving right now").And.Contain("Your words are kept on this page");
        html.Should().Contain(WebUtility.HtmlEncode(words)).And.Contain("name=\"Input.WhatHappened\"").And.NotContain("case-key");
        (await ReportsAsync()).Should().Be(before);

        // A report that arrives while both are taken waits, and goes through as soon as one is done.
        var waiting = reporter.SubmitMultipartAsync("/report", app.ReportFields(words), []);
        await Task.Delay(300);
        waiting.IsCompleted.Should().BeFalse("no turn is free");
        first!.Dispose();
        var sent = await waiting;
        sent.StatusCode.Should().Be(HttpStatusCode.OK);
        var sentHtml = await sent.Content.ReadAsStringAsync();
        sentHtml.Should().Contain("case-key");
        (await ReportsAsync()).Should().Be(before + 1);
        admission.Working.Should().Be(1, "the report gave its turn back when done");

        // A reporter's reply shares the turns: refused likewise, with the case still open and the message kept.
        var reference = System.Text.RegularExpressions.Regex.Match(sentHtml, "id=\"case-reference\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
        var key = System.Text.RegularExpressions.Regex.Match(sentHtml, "id=\"case-key\"[^>]*value=\"([^\"]*)\"").Groups[1].Value;
        reference.Should().NotBeEmpty();
        var third = await admission.EnterAsync(default);
        const string message = "It happened again on Friday.";
        var reply = await app.NewClient().SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key), new("Message", message)],
            postUrl: "/report/follow-up?handler=Reply");
        reply.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var replyHtml = await reply.Content.ReadAsStringAsync();
        Html.Text(replyHtml).Should().Contain("Too many messages are arriving right now").And.Contain($"Your report {reference}");
        replyHtml.Should().Contain(WebUtility.HtmlEncode(message));

        second!.Dispose();
        third!.Dispose();
        admission.Working.Should().Be(0);
        var replied = await app.NewClient().SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key), new("Message", message)],
            postUrl: "/report/follow-up?handler=Reply");
        Html.Text(await replied.Content.ReadAsStringAsync()).Should().Contain("Your message has been sent");
    }

    [Fact]
    public void A_report_given_back_no_longer_counts_against_the_hour_for_its_client_or_for_everyone()
    {
        var guard = new ReportGuard(Microsoft.Extensions.Options.Options.Create(new Compliance.Core.Cases.CaseOptions { ReportsPerClientPerHour = 2, ReportsPerHour = 3 }),
            TimeProvider.System);
        var one = IPAddress.Parse("192.0.2.1");
        var two = IPAddress.Parse("192.0.2.2");
        guard.TryTake(one).Should().Be(ReportGuard.Verdict.Allowed);
        guard.TryTake(one).Should().Be(ReportGuard.Verdict.Allowed);
        guard.TryTake(one).Should().Be(ReportGuard.Verdict.ClientLimit);
        guard.GiveBack(one);
        guard.TryTake(one).Should().Be(ReportGuard.Verdict.Allowed, "the one given back no longer counts for its client");
        guard.TryTake(two).Should().Be(ReportGuard.Verdict.Allowed);
        guard.TryTake(two).Should().Be(ReportGuard.Verdict.OverallLimit);
        guard.GiveBack(two);
        guard.TryTake(two).Should().Be(ReportGuard.Verdict.Allowed, "nor for everyone");
    }

    [Fact]
    public async Task A_burst_of_reports_past_the_number_worked_on_at_once_is_kept_whole()
    {
        var admission = app.Services.GetRequiredService<ReportAdmission>();
        var before = await ReportsAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => app.NewClient().SubmitMultipartAsync("/report", app.ReportFields($"Burst report {i}"), [])));
        responses.Should().HaveCount(4).And.OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        (await ReportsAsync()).Should().Be(before + 4);
        admission.Working.Should().Be(0, "every report gave its turn back");
    }
}
