using System.Text.RegularExpressions;
using Compliance.Core.Auditing;
using Compliance.Core.Cases;
using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;
using Compliance.Core.Tests.Scoring.Database;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// The anonymised pack on a real SQLite file, with 1 to 9 reports in its last whole quarter: no figure worked out
/// from a count shown as "fewer than 5" (deadlines, check-ins, the score of step 6) gives that count away.
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
