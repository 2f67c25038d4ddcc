using Compliance.Core.EvidencePacks;
using Compliance.Core.Scoring;

namespace Compliance.Core.Tests.EvidencePacks;

/// <summary>
/// What a pack must agree with, checked the same way on a SQLite file and on both engines through the app: its
/// summary's figures on each quarter end are that day's scores, its position table is the trend's last column, each
/// chapter adds up to the records ZIP's rows, the last policy version's line is step 1's facts, and the trend kept
/// for the position page equals each month end worked out again.
/// </summary>
public static class PackReconciliation
{
    public static async Task AgreesAsync(EvidencePack request, PackContent pack, StepEvidence evidence, IReadOnlyList<TrendPoint> kept)
    {
        // The summary's table of the position over the period: each step's figure on each day is that day's score.
        var trend = pack.Summary.Blocks.OfType<PackTable>().Single(t => t.Headers[0] == "On" && t.Headers.Count == 9);
        trend.Headers.Skip(1).Should().Equal(Enum.GetValues<ReasonableStep>().Select(s => $"Step {(int)s}"));
        var days = PackBuilder.QuarterPoints(request.PeriodFrom, request.PeriodTo);
        trend.Rows.Select(r => r[0]).Should().Equal(days.Select(UkDates.Long), "a row per day, each date whole in the pack's one format");
        string Shown(DateOnly day, ReasonableStep step) => trend.Rows.Single(r => r[0] == UkDates.Long(day))[(int)step];
        foreach (var day in days)
        {
            var scores = await evidence.ScoresOnAsync(day);
            foreach (var step in new[] { ReasonableStep.Policy, ReasonableStep.EngagingStaff, ReasonableStep.RiskAssessment, ReasonableStep.Reporting, ReasonableStep.Training, ReasonableStep.Monitoring })
            {
                Shown(day, step).Should().Be(scores.Single(s => s.Step == step).Score.ToString(), $"step {(int)step} on {day}");
            }
            // Steps 6 and 7 where they are given (quarter ends, and not withheld).
            foreach (var step in new[] { ReasonableStep.Complaints, ReasonableStep.ThirdParties })
            {
                if (int.TryParse(Shown(day, step), out var shown)) shown.Should().Be(scores.Single(s => s.Step == step).Score, $"step {(int)step} on {day}");
            }
        }
        // The chart draws the table's own figures, words and all (a dash, never an empty bar, where one is not a score).
        var chart = pack.Summary.Blocks.OfType<PackChart>().Single();
        chart.Points.Should().Equal(days.Select(UkDates.Long));
        foreach (var step in Enum.GetValues<ReasonableStep>())
        {
            chart.Series[(int)step - 1].Values.Should().Equal(days.Select(d => Shown(d, step)), $"step {(int)step} in the chart");
        }

        // The summary's position table (the end of the period) is the last row of the trend for the steps of that day.
        var position = pack.Summary.Blocks.OfType<PackTable>().Single(t => t.Headers.SequenceEqual(["Step", "On", "Score", "Status", "Why"]));
        foreach (var row in position.Rows.Where(r => r[1] == UkDates.Long(request.PeriodTo)))
        {
            row[2].Should().Be(Shown(request.PeriodTo, Enum.GetValues<ReasonableStep>().Single(s => s.Name() == row[0])));
        }

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
        // Each version's line counted again from the records ZIP: the people it applied to on its last day, and those who had acknowledged it.
        var inScope = pack.Records.Single(r => r.Name == "policy-versions-in-scope.csv");
        versionsTable.Rows.Should().NotBeEmpty();
        foreach (var line in versionsTable.Rows)
        {
            var number = line[0]["Version ".Length..];
            var rows = inScope.Rows.Where(r => r[1] == number).ToList();
            line[2].Should().StartWith($"{rows.Count(r => r[4] != ""):N0} of {rows.Count:N0}", $"version {number}'s line is its rows in the records ZIP");
        }

        // Chapter 7's incidents by who, counted again from the records ZIP's quarters, wherever both give the figure.
        var incidents = pack.Records.Single(r => r.Name == "third-party-incidents.csv");
        var byKind = pack.Chapters.Single(c => c.Title == "Step 7: Third parties").Blocks.OfType<PackTable>().SingleOrDefault(t => t.Headers[0] == "Who");
        if (byKind is not null)
        {
            var compared = 0;
            foreach (var row in byKind.Rows)
            {
                var column = row[0] == "Total" ? incidents.Header.Count - 1 : incidents.Header.ToList().IndexOf(row[0]);
                column.Should().BePositive($"the ZIP has a column for {row[0]}");
                var cells = incidents.Rows.Select(r => r[column]).ToList();
                if (!int.TryParse(row[1], out var shown) || !cells.All(c => int.TryParse(c, out _))) continue;
                cells.Sum(int.Parse).Should().Be(shown, $"{row[0]}: the chapter's incidents are the ZIP's quarters added up");
                compared++;
            }
            compared.Should().BePositive("some figure is given in both");
        }
        // The trend kept for the position page equals each month end worked out again.
        kept.Should().HaveCount(13);
        foreach (var point in kept.SkipLast(1))
        {
            point.Scores.Should().BeEquivalentTo((await evidence.ScoresOnAsync(point.Day)).ToDictionary(s => s.Step, s => s.Score), $"{point.Day}");
        }
    }
}
