using System.Net;
using System.Text;
using Compliance.Core.Cases;
using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

/// <summary>The public side: what a reporter sends, what is kept of it, and what is kept of them (nothing).</summary>
public sealed class ReportingTests(CaseApp app) : IClassFixture<CaseApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task A_report_leaves_no_trace_of_the_sender_and_none_of_its_words_in_the_database_its_dump_the_files_or_the_logs()
    {
        const string agent = "DistinctiveAgent/7.7 (PrivacyProbe; QuokkaOS)";
        const string forwarded = "203.0.113.177";
        const string sentence = "The lighthouse keeper whistled Greensleeves backwards at the fish counter";
        const string name = "Zebedee Quartermaine";
        const string attachmentWords = "Marmalade ferret invoice number 4471";
        var client = app.NewClient();
        client.Http.DefaultRequestHeaders.UserAgent.ParseAdd(agent);
        client.Http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", forwarded);

        var form = await client.GetAsync("/report");
        (form.Headers.CacheControl?.ToString()).Should().Be("no-store");
        form.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        foreach (var cookie in form.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
        {
            cookie.Should().NotContainEquivalentOf("expires="); // a session cookie only: gone when the browser closes
            cookie.Should().NotContainEquivalentOf("max-age=");
        }

        var fields = app.ReportFields(sentence);
        fields["Input.Mode"] = "Confidential";
        fields["Input.Name"] = name;
        fields["Input.Contact"] = "zebedee@example.org";
        fields["Input.Wishes"] = sentence + " (wishes)";
        var (reference, key, html) = await app.ReportAsync(fields, [("notes.txt", Encoding.UTF8.GetBytes(attachmentWords))], client);
        reference.Should().MatchRegex("^R-[A-Z0-9]{4}-[A-Z0-9]{4}$");
        key.Should().MatchRegex("^([A-Z0-9]{4}-){7}[A-Z0-9]{4}$"); // 32 base-32 characters: 160 bits
        Html.Text(html).Should().Contain("the only time the key is shown");

        var dump = await TestDatabase.DumpAsync(app.ConnectionString);
        dump.Should().Contain(reference); // the dump is of the right database
        foreach (var secret in new[] { agent, "PrivacyProbe", forwarded, sentence, "lighthouse keeper", name, "zebedee@example.org", attachmentWords, key, CaseSecrets.Normalise(key) })
        {
            dump.Contains(secret, StringComparison.OrdinalIgnoreCase).Should().BeFalse($"The database dump holds \"{secret}\".");
            var logs = string.Join("\n", app.Logs);
            logs.Contains(secret, StringComparison.OrdinalIgnoreCase).Should().BeFalse($"The logs hold \"{secret}\".");
            foreach (var file in Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories))
            {
                Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)).Contains(secret, StringComparison.OrdinalIgnoreCase).Should().BeFalse($"{file} holds \"{secret}\".");
            }
            var serverLog = Path.Combine(TestDatabase.ClusterDirectory, "postgres.log");
            if (File.Exists(serverLog)) (await File.ReadAllTextAsync(serverLog)).Should().NotContain(secret);
        }
        (app.Logs.Count > 20).Should().BeTrue("The capture should have seen the app's logging.");

        // Only the date is kept: the case's id is random (not time-ordered) and no audit entry times the submission.
        var c = await app.CaseAsync(reference);
        c.Id.Version.Should().Be(4);
        await using var db = app.NewDbContext();
        (await db.AuditEntries.AnyAsync(a => a.EntityId == c.Id.ToString())).Should().BeFalse();
        (await db.CaseEntries.Where(e => e.CaseId == c.Id).AllAsync(e => e.WrittenAtUtc == null)).Should().BeTrue();

        // And yet the reporter, with the key, reads it all back.
        var followUp = await app.FollowUpAsync(app.NewClient(), reference, key);
        var page = Html.Text(await followUp.Content.ReadAsStringAsync());
        page.Should().Contain(sentence);
        page.Should().Contain(name);
    }

    [Fact]
    public async Task Bad_input_names_the_field_keeps_the_words_and_saves_nothing()
    {
        await using var db = app.NewDbContext();
        var before = await db.ReportCases.CountAsync();
        var cases = new (string Field, string Value, string Message)[]
        {
            ("Input.WhatHappened", "   ", "Say what happened"),
            ("Input.HappenedOn", "2999-01-01", "The date is in the future"),
            ("Input.HappenedOn", "last Tuesday", "Enter the date as"),
            ("Input.SiteId", Guid.NewGuid().ToString(), "That site is not on the list"),
            ("Input.Mode", "Confidential", "Give your name"),
            ("Input.Mode", "Loud", "Choose whether to report anonymously or confidentially"),
            ("Input.WhatHappened", new string('x', SubmitReport.MaxTextLength + 1), "What happened is too long"),
        };
        foreach (var (field, value, message) in cases)
        {
            var fields = app.ReportFields("Kept words: the stockroom door");
            fields[field] = value;
            var response = await app.NewClient().SubmitMultipartAsync("/report", fields, []);
            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            CaseApp.Errors(html).Should().Contain(message);
            html.Should().NotContain("case-key");
            if (field != "Input.WhatHappened") html.Should().Contain("Kept words: the stockroom door");
        }

        // Everyone who handles reports ticked as involved: someone must be able to read it.
        var all = app.ReportFields("Everyone is involved");
        var allHandlers = new List<KeyValuePair<string, string>>(all);
        foreach (var h in new[] { app.Hattie, app.Ben, app.Nora }) allHandlers.Add(new("Input.ExcludedHandlers", h.Id.ToString()));
        var refused = await app.NewClient().SubmitMultipartAsync("/report", allHandlers, []);
        CaseApp.Errors(await refused.Content.ReadAsStringAsync()).Should().Contain("At least one person must be able to read your report");

        (await db.ReportCases.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Oversized_mismatched_and_path_named_files_are_refused_with_reasons_and_the_rest_of_the_report_is_kept()
    {
        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-1.4"u8.CopyTo(big);
        var (reference, key, html) = await app.ReportAsync(app.ReportFields("Report with a mixed bag of files"),
        [
            ("big.pdf", big),
            ("photo.jpg", "%PDF-1.4 not a photo"u8.ToArray()),
            ("../../x", "plain words"u8.ToArray()),
            ("program.txt", [0x4D, 0x5A, 0x90, 0x00, 0x03]),
            ("screenshot.png", Png),
        ]);
        var text = Html.Text(html);
        text.Should().Contain("big.pdf : The file is too large: files can be up to 10 MB each.");
        text.Should().Contain("photo.jpg : The file's content does not match its type: it is named as an image but its content is a PDF.");
        text.Should().Contain("../../x : The file name is not allowed");
        text.Should().Contain("program.txt : The file's content does not match its type");

        var c = await app.CaseAsync(reference);
        await using var db = app.NewDbContext();
        var files = await db.CaseFiles.Where(f => f.CaseId == c.Id).ToListAsync();
        var only = files.Should().ContainSingle().Which;
        only.Kind.Should().Be(AttachmentKind.Png);
        only.StoredName.Should().MatchRegex("^[0-9a-f]{32}$"); // a name the server made
        // Kept sealed in the database, beside the case: no file on disk whose name or times could give anything away.
        (Directory.Exists(Path.Combine(app.DataDirectory, "cases")) && Directory.EnumerateFileSystemEntries(Path.Combine(app.DataDirectory, "cases")).Any()).Should().BeFalse();
        (await db.CaseFileBlobs.CountAsync(b => b.FileId == only.Id)).Should().Be(2); // the original, and the copy without metadata
        var follow = Html.Text(await (await app.FollowUpAsync(app.NewClient(), reference, key)).Content.ReadAsStringAsync());
        follow.Should().Contain("Report with a mixed bag of files");

        // A sixth file is refused, with a pointer to the follow-up page.
        var six = Enumerable.Range(1, 6).Select(i => ($"s{i}.png", Png)).ToArray();
        var (_, _, sixHtml) = await app.ReportAsync(app.ReportFields("Six screenshots"), six);
        Html.Text(sixHtml).Should().Contain("s6.png : Only 5 files can be sent at a time");
    }

    [Fact]
    public async Task The_reporter_reads_replies_and_writes_back_with_the_reference_and_key_only()
    {
        var (reference, key, _) = await app.ReportAsync(app.ReportFields("The delivery driver keeps cornering me by the bins"));
        var id = await app.CaseIdAsync(reference);
        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        var ack = await CaseApp.ActAsync(hattie, id, "Acknowledge", ("AckMessage", "Thank you. We have your report and will be in touch here."));
        ack.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await CaseApp.ActAsync(hattie, id, "Message", ("Message.Text", "Could you tell us which days this happens?"), ("Message.CheckIn", "false"));

        // The reporter, in a fresh browser, with the key typed in lower case and without dashes.
        var reporter = app.NewClient();
        var opened = await app.FollowUpAsync(reporter, reference.ToLowerInvariant(), CaseSecrets.Normalise(key).ToLowerInvariant());
        var page = await opened.Content.ReadAsStringAsync();
        var text = Html.Text(page);
        text.Should().Contain("Acknowledged: someone is looking at your report.");
        text.Should().Contain("Thank you. We have your report");
        text.Should().Contain("Could you tell us which days this happens?");
        (opened.Headers.CacheControl?.ToString()).Should().Be("no-store");

        var reply = await reporter.Http.PostAsync("/report/follow-up?handler=Reply", new MultipartFormDataContent
        {
            { new StringContent(AppClient.Token(page)), "__RequestVerificationToken" },
            { new StringContent(reference), "Reference" },
            { new StringContent(key), "Key" },
            { new StringContent("Mondays and Thursdays, after the lunch delivery."), "Message" },
        });
        var replied = Html.Text(await reply.Content.ReadAsStringAsync());
        replied.Should().Contain("Your message has been sent");
        replied.Should().Contain("Mondays and Thursdays");

        var queue = Html.Text(await hattie.GetPageAsync("/cases"));
        queue.Should().Contain("New from reporter");
        var casePage = Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id)));
        casePage.Should().Contain("Mondays and Thursdays, after the lunch delivery.");
        casePage.Should().Contain("The reporter has written since this case was last opened");

        // A wrong key for a real reference, and a made-up reference, get the same words.
        var wrongKey = Html.Text(await (await app.FollowUpAsync(app.NewClient(), reference, CaseSecrets.NewKey())).Content.ReadAsStringAsync());
        var wrongRef = Html.Text(await (await app.FollowUpAsync(app.NewClient(), "R-AAAA-BBBB", key)).Content.ReadAsStringAsync());
        wrongKey.Should().Contain(Pages.Report.FollowUpModel.NotFoundMessage);
        wrongRef.Should().Contain(Pages.Report.FollowUpModel.NotFoundMessage);
        wrongKey.Should().NotContain("delivery driver");
    }
}
