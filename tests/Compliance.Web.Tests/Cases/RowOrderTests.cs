using Compliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Web.Tests.Cases;

public sealed class RowOrderApp : CaseApp;

/// <summary>
/// The order rows sit in says nothing of when a report or a message came: SQLite's hidden row id is random for
/// case material (read as an attacker with the file would, with SQL on it). The conversation keeps its real order
/// by a number within each case, even on a day when the handler and the reporter both wrote.
/// </summary>
public sealed class RowOrderTests(RowOrderApp app) : IClassFixture<RowOrderApp>
{
    /// <summary>How many pairs are out of order: about half of all pairs for a random order, none for the order written.</summary>
    private static int Inversions(IReadOnlyList<int> order) =>
        Enumerable.Range(0, order.Count).Sum(i => Enumerable.Range(i + 1, order.Count - i - 1).Count(j => order[i] > order[j]));

    [SqliteFact]
    public async Task Reports_and_their_entries_sit_in_the_file_in_an_order_that_is_not_the_order_they_were_written()
    {
        var written = new List<Guid>();
        for (var i = 0; i < 20; i++) written.Add(await app.CaseIdAsync((await app.ReportAsync(app.ReportFields($"Row order report {i}"))).Reference));
        foreach (var (table, column) in new[] { ("report_cases", "id"), ("case_entries", "case_id"), ("case_files", "case_id") })
        {
            var inFile = new List<Guid>();
            var rows = await TestDatabase.ScalarAsync<string>(app.ConnectionString, $"SELECT group_concat({column}, ',') FROM (SELECT {column} FROM {table} ORDER BY rowid)");
            if (table == "case_files" && rows is null) continue; // these reports carry no files
            rows.Should().NotBeNull();
            inFile.AddRange(rows!.Split(',').Select(Guid.Parse).Where(written.Contains));
            inFile.Should().HaveCount(20, table);
            var order = inFile.Select(id => written.IndexOf(id)).ToList();
            // 190 pairs: the order written has none out of order, a random order about 95 (1 in a million outside 20 to 170).
            Inversions(order).Should().BeInRange(20, 170, $"{table} must not keep the order the reports came in");
        }
        (await TestDatabase.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_random_row_order'")).Should().Be(4);
    }

    [Fact]
    public async Task The_conversation_keeps_its_order_on_a_day_when_the_handler_and_the_reporter_both_wrote()
    {
        var (reference, key, _) = await app.ReportAsync(app.ReportFields("Order of the conversation"));
        var id = await app.CaseIdAsync(reference);
        var hattie = await app.SignedInAsync(app.Hattie);
        await CaseApp.TakeAsync(hattie, id);
        (await CaseApp.ActAsync(hattie, id, "Acknowledge", ("AckMessage", "First: we have your report."))).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        var reporter = app.NewClient();
        async Task ReplyAsync(string text) =>
            (await reporter.SubmitFormAsync("/report/follow-up", [new("Reference", reference), new("Key", key), new("Message", text)], postUrl: "/report/follow-up?handler=Reply"))
                .IsSuccessStatusCode.Should().BeTrue();
        await ReplyAsync("Second: thank you.");
        (await CaseApp.ActAsync(hattie, id, "Message", ("Message.Text", "Third: can we talk tomorrow?"), ("Message.CheckIn", "false"))).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        await ReplyAsync("Fourth: yes.");

        var view = Html.Text(await (await app.FollowUpAsync(reporter, reference, key)).Content.ReadAsStringAsync());
        var places = new[] { "Order of the conversation", "First:", "Second:", "Third:", "Fourth:" }.Select(t => view.IndexOf(t, StringComparison.Ordinal)).ToList();
        places.Should().NotContain(-1).And.BeInAscendingOrder("the reporter sees the conversation in the order it happened");
        var page = Html.Text(await hattie.GetPageAsync(CaseApp.CaseUrl(id)));
        var onCase = new[] { "Order of the conversation", "First:", "Second:", "Third:", "Fourth:" }.Select(t => page.IndexOf(t, StringComparison.Ordinal)).ToList();
        onCase.Should().NotContain(-1).And.BeInAscendingOrder("the handler sees it in the same order");

        await using var db = app.NewDbContext();
        (await db.CaseEntries.Where(e => e.CaseId == id).OrderBy(e => e.Number).Select(e => e.Number).ToListAsync()).Should().Equal(1, 2, 3, 4, 5);
    }
}
