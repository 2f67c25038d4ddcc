using Compliance.Core.EvidencePacks;
using Compliance.Core.Policies;
using Compliance.Core.Scoring;
using Compliance.Core.Tests.Scoring.Database;
using Compliance.Core.ThirdParty;
using Compliance.Core.Training;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// Generated histories on a real SQLite file (courses set up after their completions, completions with and without a
/// content version, a policy re-published, incidents logged late, leavers and joiners, a sign-off weeks after its
/// meeting): the pack's summary and chapters give the figures step by step exactly as the scores are worked out for
/// each day, its records ZIP adds up to its chapters, and the trend equals each month end worked out again.
/// </summary>
public sealed class PackReconciliationDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private Task GenerateAsync(int seed) => _db.AddAsync([.. GeneratedHistory.Rows(seed, _db.Today, _db.NowUtc)]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task The_pack_the_scores_of_each_day_the_records_zip_and_the_trend_agree_over_a_generated_history(int seed)
    {
        await GenerateAsync(seed);
        var request = new EvidencePack(Guid.NewGuid(), new DateOnly(2025, 11, 17), new DateOnly(2026, 11, 16), named: false, null, "Dina Director", _db.NowUtc);
        var pack = await _db.PackBuilder().BuildAsync(request, _db.NowUtc, (_, _) => Task.CompletedTask, default);
        var evidence = _db.Evidence();

        // The summary's table of the position over the period: each step's figure on each day is that day's score.
        var trend = pack.Summary.Blocks.OfType<PackTable>().Single(t => t.Headers[0] == "Step" && t.Headers.Count > 5);
        var days = PackBuilder.QuarterPoints(request.PeriodFrom, request.PeriodTo);
        trend.Headers.Skip(1).Should().Equal(days.Select(d => d.ToString("d MMM yy", UkDates.Uk)));
        foreach (var (day, column) in days.Select((d, i) => (d, i + 1)))
        {
            var scores = await evidence.ScoresOnAsync(day);
            foreach (var step in new[] { ReasonableStep.Policy, ReasonableStep.EngagingStaff, ReasonableStep.RiskAssessment, ReasonableStep.Reporting, ReasonableStep.Training, ReasonableStep.Monitoring })
            {
                trend.Rows.Single(r => r[0] == step.Name())[column].Should().Be(scores.Single(s => s.Step == step).Score.ToString(), $"step {(int)step} on {day}");
            }
            var shownSeven = trend.Rows.Single(r => r[0] == ReasonableStep.ThirdParties.Name())[column];
            if (int.TryParse(shownSeven, out var seven)) seven.Should().Be(scores.Single(s => s.Step == ReasonableStep.ThirdParties).Score, $"step 7 on {day}");
        }

        // The summary's position table (the end of the period) is the last column of the trend for the steps of that day.
        var position = pack.Summary.Blocks.OfType<PackTable>().Single(t => t.Headers.SequenceEqual(["Step", "On", "Score", "Status", "Why"]));
        foreach (var row in position.Rows.Where(r => r[1] == UkDates.Long(request.PeriodTo))) row[2].Should().Be(trend.Rows.Single(r => r[0] == row[0])[^1]);

        // Chapter 5 on each quarter end is step 5's facts that day, and its completions add up to the records ZIP's rows.
        var training = pack.Chapters.Single(c => c.Title == "Step 5: Training");
        var csv = pack.Records.Single(r => r.Name == "training-completions.csv");
        var versionTables = training.Blocks.OfType<PackTable>().Where(t => t.Headers[0] == "Content version").ToList();
        var titles = training.Blocks.OfType<PackSubheading>().Select(h => h.Text[..h.Text.IndexOf(" (", StringComparison.Ordinal)]).ToList();
        versionTables.Should().HaveSameCount(titles).And.NotBeEmpty();
        for (var i = 0; i < titles.Count; i++)
        {
            versionTables[i].Rows.Sum(r => int.Parse(r[3], System.Globalization.NumberStyles.AllowThousands, UkDates.Uk))
                .Should().Be(csv.Rows.Count(r => r[0] == titles[i]), $"{titles[i]}: the chapter's completions are the ZIP's rows");
        }
        csv.Rows.Select(r => r[^1]).Should().NotContainNulls().And.OnlyContain(p => p.StartsWith("P-"));

        // The line of the version in force at the end is step 1's facts that day.
        var policyFacts = await evidence.PolicyOnAsync(request.PeriodTo);
        var versionsTable = pack.Chapters.Single(c => c.Title == "Step 1: Policy").Blocks.OfType<PackTable>().Single(t => t.Headers[0] == "Version" && t.Headers[1] == "In force");
        versionsTable.Rows[^1][2].Should().Be(Percent.Described(policyFacts.Acknowledged, policyFacts.InScope));

        // The trend kept for the position page equals each month end worked out again.
        var kept = await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(await evidence.ScoresOnAsync(_db.Today));
        kept.Should().HaveCount(13);
        foreach (var point in kept.SkipLast(1))
        {
            point.Scores.Should().BeEquivalentTo((await _db.Evidence().ScoresOnAsync(point.Day)).ToDictionary(s => s.Step, s => s.Score), $"{point.Day}");
        }
    }
}
