using System.Text.RegularExpressions;
using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using Compliance.Core.Tests.Scoring.Database;
using Compliance.Core.ThirdParty;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// The anonymised pack on a real SQLite file, with 1 to 9 reports in its last whole quarter: no figure worked out
/// from a count shown as "fewer than 5" (deadlines, check-ins, the score of step 6) gives that count away; and, read
/// as a reader gets it (the PDF's text, the HTML edition, every CSV), a pack over 1 to 4 reports and incidents is the
/// same word for word.
/// </summary>
public sealed class PackDisclosureDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private PackBuilder Builder() => _db.PackBuilder();

    private static IEnumerable<string> Words(PackSection section) => section.Blocks.SelectMany(b => b switch
    {
        PackText t => [t.Text],
        PackSubheading h => [h.Text],
        PackTable t => t.Rows.SelectMany(r => r),
        _ => Array.Empty<string>(),
    }).Concat(section.Gaps);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    public async Task Deadlines_check_ins_and_the_score_of_few_reports_are_withheld_with_the_count(int reports)
    {
        for (var i = 0; i < reports; i++)
        {
            // Received in August, each deadline met: acknowledged and triaged the next day, feedback within the month.
            var received = new DateOnly(2026, 8, 3).AddDays(i);
            var c = EvidenceDatabase.Report(received);
            c.Acknowledge(received.AddDays(1));
            c.Triage(received.AddDays(1), Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
            c.MessageSent(received.AddDays(20), EntryKind.HandlerMessage, givesFeedback: true);
            await _db.AddAsync(c);
        }
        // Two board reviews: one on the quarter end, one on an ordinary day in October.
        await _db.AddAsync(new BoardSignOff(Guid.NewGuid(), new DateOnly(2026, 9, 30), "Board", "A", "D", "[]", Guid.NewGuid(), "Dana", _db.NowUtc),
            new BoardSignOff(Guid.NewGuid(), new DateOnly(2026, 10, 20), "Audit committee", "A", "D", "[]", Guid.NewGuid(), "Dana", _db.NowUtc));
        var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named: false, null, "Dina Director", _db.NowUtc);
        var pack = await Builder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);

        var signOffs = pack.Summary.Blocks.OfType<PackTable>().Single(t => t.Headers[0] == "Reviewed on").Rows;
        string[] StepsOf(string meeting) => signOffs.Single(r => r[1] == meeting)[3].Split(", ");
        StepsOf("Audit committee")[5..7].Should().Equal(["not given", "not given"], "20 October is no quarter end: steps 6 and 7 would date a deadline");
        StepsOf("Board")[5].Should().Be(reports < SmallNumbers.Threshold ? SmallNumbers.WithheldText : "100");
        StepsOf("Board")[6].Should().Be("100", "no incident at all is shown as none, which tells of no one");

        var chapter = string.Join("\n", Words(pack.Chapters.Single(c => c.Title == "Step 6: Complaints")));
        var summary = pack.Summary.Blocks.OfType<PackTable>().First(t => t.Headers.SequenceEqual(["Step", "On", "Score", "Status", "Why"]));
        var complaints = summary.Rows.Single(r => r[0] == ReasonableStep.Complaints.Name());
        var met = 3 * reports;
        if (reports < SmallNumbers.Threshold)
        {
            chapter.Should().Contain("withheld met, withheld missed").And.Contain("ask how they are: withheld");
            complaints[2].Should().Be(SmallNumbers.WithheldText);
            complaints[3].Should().Be(SmallNumbers.WithheldText);
            complaints[4].Should().Contain("fewer than 5").And.Contain("withheld met");
            // With the dates taken out, no number in the chapter is the count, or the deadlines that would tell it.
            var numbers = Regex.Matches(Regex.Replace(chapter, @"\d{1,2} [A-Z][a-z]+ \d{4}", ""), @"\d[\d,]*").Select(m => m.Value).ToList();
            numbers.Should().NotContain([reports.ToString(), met.ToString()]);
        }
        else
        {
            chapter.Should().Contain($"{met} met, 0 missed");
            complaints[2].Should().Be("100");
        }
    }

    /// <summary>Everything a reader of the pack gets: the PDF's text as pdftotext reads it, the HTML edition and every CSV of the records.</summary>
    private static async Task<string> EditionsAsync(PackContent pack)
    {
        var text = await PackReading.PdfTextAsync(pack);
        var csvs = pack.Records.Select(r => string.Join("\n", [r.Name, string.Join(",", r.Header), .. r.Rows.Select(row => string.Join(",", row))]));
        return string.Join("\n=====\n", [text, PackHtml.Render(pack), .. csvs]);
    }

    [Fact]
    public async Task One_to_four_reports_and_incidents_in_a_quarter_give_the_same_pdf_html_and_records_word_for_word_and_five_do_not()
    {
        // The same pack (same identity, same moment) over databases that differ only in how many reports came in
        // August and how many incidents in July: if any figure anywhere were worked out from the count, two of these would differ.
        var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named: false, null, "Dina Director", _db.NowUtc);
        async Task<string> WithReportsAsync(int reports)
        {
            using var db = new EvidenceDatabase();
            var site = db.Site("Quay");
            await db.AddAsync(site);
            for (var i = 0; i < reports; i++)
            {
                await db.AddAsync(new ThirdPartyIncident(new DateOnly(2026, 7, 10).AddDays(i), site.Id, ThirdPartyType.Customer, "Remarks", true, null,
                    IncidentResponse.Warning, "Sam", request.Id, "Hana", db.NowUtc.AddDays(-100)));
                var received = new DateOnly(2026, 8, 3).AddDays(i);
                var c = EvidenceDatabase.Report(received);
                c.Acknowledge(received.AddDays(1));
                c.Triage(received.AddDays(1 + (i % 2)), Urgency.Routine, VictimisationRisk.Low, CaseFlags.None);
                c.MessageSent(received.AddDays(20 + 20 * (i % 2)), EntryKind.HandlerMessage, givesFeedback: true);
                await db.AddAsync(c);
            }
            await db.AddAsync(new BoardSignOff(request.Id, new DateOnly(2026, 9, 30), "Board", "A", "D", "[]", request.Id, "Dana", db.NowUtc));
            return await EditionsAsync(await db.PackBuilder().BuildAsync(request, db.NowUtc, (_, _) => Task.CompletedTask, default));
        }
        var one = await WithReportsAsync(1);
        one.Should().Contain("fewer than 5").And.Contain("Step 6: Complaints").And.Contain("audit-log-extract.csv");
        foreach (var reports in new[] { 2, 3, 4 }) (await WithReportsAsync(reports)).Should().Be(one, $"{reports} reports and incidents read exactly as 1 of each does");
        (await WithReportsAsync(5)).Should().NotBe(one, "five of each are shown as they are");
    }

    [Fact]
    public async Task The_anonymised_audit_extract_leaves_out_what_an_incident_or_a_case_caused_and_the_named_one_keeps_it()
    {
        var caseAction = ActionPlan.FromCaseClosure(ReasonableStep.RiskAssessment, "Review the risk assessment", new DateOnly(2026, 12, 31), Guid.NewGuid(), _db.NowUtc);
        var ownAction = new PlanAction(ReasonableStep.Training, "Refresh the course", "Hana", new DateOnly(2026, 12, 31), PlanSource.Manual, null, "Hana", _db.NowUtc);
        var assessment = Guid.NewGuid();
        await _db.AddAsync(caseAction, ownAction);
        await _db.Audit.SaveAsync(_db.Db, AuditEvent.For(ThirdParty.LogIncident.FlaggedForReviewAction, "RiskAssessment", assessment, "Flagged after an incident"));
        await _db.Audit.SaveAsync(_db.Db, AuditEvent.For("plan.action.completed", "PlanAction", caseAction.Id, "Done"));
        await _db.Audit.SaveAsync(_db.Db, AuditEvent.For("plan.action.completed", "PlanAction", ownAction.Id, "Done"));
        await _db.Audit.SaveAsync(_db.Db, AuditEvent.For("risk-assessment.approved", "RiskAssessment", assessment, "Approved"));

        async Task<List<IReadOnlyList<string>>> ExtractAsync(bool named)
        {
            var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named, null, "Dina Director", _db.NowUtc);
            var pack = await Builder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);
            return [.. pack.Records.Single(r => r.Name == "audit-log-extract.csv").Rows];
        }
        var anonymised = await ExtractAsync(named: false);
        anonymised.Select(r => (r[2], r[4])).Should().Equal(("plan.action.completed", ownAction.Id.ToString()), ("risk-assessment.approved", assessment.ToString()));
        var named = await ExtractAsync(named: true);
        named.Select(r => r[2]).Should().Equal(ThirdParty.LogIncident.FlaggedForReviewAction, "plan.action.completed", "plan.action.completed", "risk-assessment.approved");
    }
}
