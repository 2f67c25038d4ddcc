using System.Net;
using Compliance.Core.Data.Providers;
using Compliance.Web.Tests.Cases;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Data;

/// <summary>The case organisation with the reporting page's limits lifted (every client here is one address) and writers allowed to wait 25 seconds.</summary>
public sealed class PatientWritersApp : CaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Cases:ReportsPerClientPerHour", "1000000");
        builder.UseSetting("Compliance:Cases:ReportsPerHour", "1000000");
        builder.UseSetting("Compliance:Database:WriteWaitLimit", "00:00:25");
        // All hundred reports reach the database's queue (by default only a few are worked on at once: ReportAdmission).
        builder.UseSetting("Compliance:Cases:ReportsAtOnce", "1000");
    }
}

/// <summary>The case organisation whose writers wait at most one second for their turn.</summary>
public sealed class ImpatientWritersApp : CaseApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Compliance:Database:WriteWaitLimit", "00:00:01");
    }
}

/// <summary>
/// SQLite under contention: writers queue for their turn without holding threads, so pages that only read go on
/// answering; and a writer that cannot have its turn in time is told so at once, with what they typed kept.
/// </summary>
public sealed class WriteQueueTests(PatientWritersApp app) : IClassFixture<PatientWritersApp>
{
    [SqliteFact]
    public async Task A_trivial_page_answers_while_a_hundred_reporters_wait_to_write_and_every_report_is_then_kept()
    {
        long Reports()
        {
            using var db = app.NewDbContext();
            return db.ReportCases.LongCount();
        }
        var before = Reports();
        var gate = SqliteWriteGate.For(app.ConnectionString);
        // Another process holds the write lock (a backup, a command): the first writer sleeps in SQLite's busy
        // handler, and the other 99 must queue behind it without a thread each.
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ToString());
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }
        var threadsBefore = ThreadPool.ThreadCount;
        var done = 0;
        var reporters = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            var response = await app.NewClient().SubmitMultipartAsync("/report", app.ReportFields($"Queued report {i}"), []);
            Interlocked.Increment(ref done);
            return (response.StatusCode, Html: await response.Content.ReadAsStringAsync());
        })).ToList();
        await Poll.UntilAsync("99 writers queued behind the one in SQLite's busy handler", () => Task.FromResult(gate.Waiting), n => n >= 99,
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20));

        using var page = await app.NewClient().Http.GetAsync("/report/follow-up", new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        Volatile.Read(ref done).Should().Be(0, "the page answered while every writer was still waiting");
        gate.Waiting.Should().BeGreaterThanOrEqualTo(99);
        (ThreadPool.ThreadCount - threadsBefore).Should().BeLessThan(30, "waiting writers should not each hold a thread");

        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }
        var results = await Task.WhenAll(reporters);
        results.Should().HaveCount(100).And.OnlyContain(r => r.StatusCode == HttpStatusCode.OK && r.Html.Contains("Your report has been sent"));
        Reports().Should().Be(before + 100);
        app.Logs.Should().NotContain(l => l.Contains("database is locked"));
    }
}

public sealed class WriteQueueOverloadTests(ImpatientWritersApp app) : IClassFixture<ImpatientWritersApp>
{
    [SqliteFact]
    public async Task A_reporter_who_cannot_have_a_turn_in_time_is_told_at_once_with_their_words_kept_and_nothing_saved()
    {
        const string words = "He stood in the doorway of the stock room again & would not move until I answered.";
        var gate = SqliteWriteGate.For(app.ConnectionString);
        await using var db = app.NewDbContext();
        var before = await db.ReportCases.CountAsync();
        var reporter = app.NewClient();
        using (await gate.EnterAsync(default))
        {
            var response = await reporter.SubmitMultipartAsync("/report", app.ReportFields(words), [("photo.txt", "a note"u8.ToArray())]);
            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.Should().NotBeNull();
            Html.Text(html).Should().Contain("Too many reports are arriving right now").And.Contain("Your words are kept on this page");
            // The words are in the form's own field, ready to send again.
            html.Should().Contain(WebUtility.HtmlEncode(words)).And.Contain("name=\"Input.WhatHappened\"");
            html.Should().NotContain("case-key");
        }
        (await db.ReportCases.CountAsync()).Should().Be(before);

        // Once the queue moves, the same words go through.
        var (reference, key, _) = await app.ReportAsync(app.ReportFields(words), client: reporter);
        (await db.ReportCases.CountAsync()).Should().Be(before + 1);

        // A reply from the follow-up page, likewise: refused at once with the case still open and the message kept.
        const string message = "There is more: it happened again on Friday.";
        using (await gate.EnterAsync(default))
        {
            var reply = await app.NewClient().SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key), new("Message", message)],
                postUrl: "/report/follow-up?handler=Reply");
            var html = await reply.Content.ReadAsStringAsync();
            reply.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            Html.Text(html).Should().Contain("Too many messages are arriving right now").And.Contain($"Your report {reference}");
            html.Should().Contain(WebUtility.HtmlEncode(message));
        }
        var sent = await app.NewClient().SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key), new("Message", message)],
            postUrl: "/report/follow-up?handler=Reply");
        Html.Text(await sent.Content.ReadAsStringAsync()).Should().Contain("Your message has been sent");

        // Any other page that writes says so in words, as 503, rather than failing as a fault of the app.
        var hr = await app.SignedInAsync(app.HrManager);
        using (await gate.EnterAsync(default))
        {
            var saved = await hr.SubmitFormAsync("/incidents/new", IncidentFields());
            saved.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            Html.Text(await saved.Content.ReadAsStringAsync()).Should().Contain("Too many changes are being saved right now");
        }
        gate.Waiting.Should().Be(0);
    }

    private Dictionary<string, string> IncidentFields() => new()
    {
        ["Input.OccurredOn"] = Compliance.Core.UkCalendar.Today(TimeProvider.System).ToString("yyyy-MM-dd"),
        ["Input.SiteId"] = app.SiteId.ToString(),
        ["Input.PartyType"] = "Customer",
        ["Input.Description"] = "A customer made remarks at the till.",
        ["Input.IsSexual"] = "true",
        ["Input.RespondedBy"] = "Duty manager",
        ["Input.Responses"] = "Warning",
    };
}
