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

    private static DateTime Utc(DateOnly d, int hour = 9) => new(d.Year, d.Month, d.Day, hour, 0, 0, DateTimeKind.Utc);

    private async Task GenerateAsync(int seed)
    {
        var random = new Random(seed);
        DateOnly Day(DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
        var today = _db.Today;
        var site = _db.Site("Harbour");
        var people = Enumerable.Range(1, 12 + random.Next(12)).Select(i => _db.Employee($"E-{seed}-{i}", site.Id,
            start: Day(new DateOnly(2023, 1, 1), today), leaving: random.Next(5) == 0 ? Day(new DateOnly(2025, 6, 1), today.AddDays(30)) : null)).ToList();
        var rows = new List<object> { site };
        rows.AddRange(people);
        for (var c = 0; c < 1 + random.Next(2); c++)
        {
            // Set up today (or long ago), with completions going back years: as a learning system's export is loaded.
            var course = new Course(new CourseSettings($"C-{seed}-{c}", $"Course {c}", null, null, CourseAudience.Everyone, [], 12, 30, random.Next(2) == 0, null),
                random.Next(2) == 0 ? _db.NowUtc : Utc(new DateOnly(2024, 1, 1)));
            rows.Add(course);
            var version = course.Versions.FirstOrDefault()?.Id;
            foreach (var p in people.Where(_ => random.Next(3) > 0))
            {
                foreach (var _ in Enumerable.Range(0, 1 + random.Next(2)))
                {
                    rows.Add(new TrainingCompletion(course.Id, p.Id, Day(new DateOnly(2024, 1, 1), today), random.Next(6) == 0 ? false : true, null,
                        random.Next(2) == 0 ? version : null, CompletionSource.Recorded, null, "Hana", _db.NowUtc));
                }
            }
        }
        var policy = new Policy(PolicyKind.SexualHarassment, "Policy", "policy", "Tell your manager, or report at /report.", Utc(new DateOnly(2025, 1, 5)));
        var v1 = policy.Open!;
        v1.SubmitForApproval("Hana", Utc(new DateOnly(2025, 1, 6)));
        v1.Approve(Guid.NewGuid(), "Dana", Utc(new DateOnly(2025, 1, 6)));
        var firstEffective = Day(new DateOnly(2025, 2, 1), new DateOnly(2025, 12, 1));
        policy.Publish(v1.Id, new PolicyPublication(firstEffective, AudienceKind.Everyone, [], PolicyChange.Material, [], null, "Hana"), Utc(firstEffective.AddDays(-3)), firstEffective.AddYears(1));
        var versions = new List<PolicyVersion> { v1 };
        if (random.Next(3) > 0)
        {
            var v2 = policy.StartNewVersion(Utc(new DateOnly(2026, 1, 10)));
            v2.Edit("Report at https://example.org/report or tell your manager.", Utc(new DateOnly(2026, 1, 10)));
            v2.SubmitForApproval("Hana", Utc(new DateOnly(2026, 1, 11)));
            v2.Approve(Guid.NewGuid(), "Dana", Utc(new DateOnly(2026, 1, 11)));
            var effective = Day(new DateOnly(2026, 2, 1), today.AddDays(-5));
            policy.Publish(v2.Id, new PolicyPublication(effective, AudienceKind.Everyone, [], PolicyChange.Material, [], null, "Hana"), Utc(effective.AddDays(-2)), effective.AddYears(1));
            versions.Add(v2);
        }
        rows.Add(policy);
        for (var round = 0; round < versions.Count; round++)
        {
            var v = versions[round];
            foreach (var p in people.Where(_ => random.Next(3) > 0))
            {
                rows.Add(new PolicyAcknowledgement(policy.Id, round + 1, v.Id, v.Number, v.ContentHash!, p.Id, Utc(Day(v.EffectiveOn, today))));
            }
        }
        for (var i = 0; i < random.Next(8); i++)
        {
            // Some logged on the day, some months late.
            var happened = Day(new DateOnly(2025, 12, 1), today);
            var logged = random.Next(3) == 0 ? Day(happened, today) : happened;
            rows.Add(new ThirdPartyIncident(happened, site.Id, ThirdPartyType.Customer, "Remarks", true, null, IncidentResponse.Warning, "Sam", Guid.NewGuid(), "Hana", Utc(logged, 17)));
        }
        // A board review signed off three weeks after its meeting.
        var meeting = Day(new DateOnly(2026, 3, 1), today.AddDays(-30));
        rows.Add(new BoardSignOff(Guid.NewGuid(), meeting, "Board", "A", "D", "[]", Guid.NewGuid(), "Dana", Utc(meeting.AddDays(21))));
        await _db.AddAsync([.. rows]);
    }

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
