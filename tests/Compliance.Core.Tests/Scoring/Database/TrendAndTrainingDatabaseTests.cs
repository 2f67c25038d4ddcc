using Compliance.Core.Employees;
using Compliance.Core.Scoring;
using Compliance.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Compliance.Core.Tests.Scoring.Database;

/// <summary>Each course's coverage as the training step reads it on a day, the eight scores in the guidance's order, and the trend's kept month ends.</summary>
public sealed class TrendAndTrainingDatabaseTests : IDisposable
{
    private readonly EvidenceDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static DateTime Utc(int y, int m, int d) => new(y, m, d, 9, 0, 0, DateTimeKind.Utc);

    private async Task<(Course A, Course B)> TrainingAsync()
    {
        var site = _db.Site("Harbour");
        var people = Enumerable.Range(1, 6).Select(i => _db.Employee($"E-{i}", site.Id, start: new DateOnly(2024, 1, 1))).ToList();
        var a = new Course(new CourseSettings("SH-A", "Bystanders", null, null, CourseAudience.Everyone, [], 12, 30, false, null), Utc(2024, 1, 1));
        var b = new Course(new CourseSettings("SH-B", "Awareness", null, null, CourseAudience.Everyone, [], 24, 30, true, null), Utc(2024, 1, 1));
        // A course made after the first day looked at is not counted on it.
        var later = new Course(new CourseSettings("SH-C", "Later", null, null, CourseAudience.Everyone, [], 12, 30, false, null), Utc(2026, 6, 1));
        TrainingCompletion Done(Course c, int person, DateOnly on, bool? passed = true) =>
            new(c.Id, people[person].Id, on, passed, null, null, CompletionSource.Recorded, null, "Hana", Utc(on.Year, on.Month, on.Day));
        await _db.AddAsync([site, .. people, a, b, later,
            Done(a, 0, new DateOnly(2026, 3, 1)), Done(a, 1, new DateOnly(2025, 6, 1)), Done(a, 2, new DateOnly(2023, 6, 1)), Done(a, 3, new DateOnly(2026, 10, 1)),
            Done(b, 0, new DateOnly(2025, 1, 1)), Done(b, 1, new DateOnly(2026, 2, 1), passed: false), Done(b, 2, new DateOnly(2022, 1, 1))]);
        return (a, b);
    }

    [Fact]
    public async Task Each_course_made_by_the_day_is_counted_in_title_order_and_the_same_whether_read_for_the_day_or_from_a_history_read_once()
    {
        _db.Scoring.LongStaleMonths = 24;
        await TrainingAsync();
        var days = new[] { new DateOnly(2026, 1, 31), new DateOnly(2026, 5, 31), new DateOnly(2026, 9, 30), _db.Today };
        var evidence = _db.Evidence();
        var direct = new List<TrainingFacts>();
        foreach (var day in days) direct.Add(await evidence.TrainingOnAsync(day));
        direct[0].Courses.Select(c => c.Title).Should().Equal("Awareness", "Bystanders");
        direct[3].Courses.Select(c => c.Title).Should().Equal("Awareness", "Bystanders", "Later");
        // Today: Bystanders (12 months) has E-1 and E-4 in date, E-2 stale, E-3 stale for over two years, E-5 and E-6 never.
        direct[3].Courses[1].Should().Match<CourseFacts>(c => c.InScope == 6 && c.InDate == 2 && c.Stale == 2 && c.LongStale == 1 && c.Never == 2);
        // Awareness needs a pass: E-2 failed, so never; E-1 in date (24 months); E-3 long stale.
        direct[3].Courses[0].Should().Match<CourseFacts>(c => c.InScope == 6 && c.InDate == 1 && c.Stale == 1 && c.LongStale == 1 && c.Never == 4);

        // A reader inside one snapshot reads each course's history once and gets the same on every day up to it, and a day beyond it is read directly.
        evidence.ReadTrainingHistoryOnce(days[2]);
        for (var i = 0; i < days.Length; i++) (await evidence.TrainingOnAsync(days[i])).Should().BeEquivalentTo(direct[i], o => o.WithStrictOrdering());
        await _db.AddAsync(new TrainingCompletion((await _db.Db.Courses.SingleAsync(c => c.Code == "SH-A")).Id, (await _db.Db.Employees.SingleAsync(e => e.EmployeeNumber == "E-5")).Id,
            new DateOnly(2026, 4, 1), true, null, null, CompletionSource.Recorded, null, "Hana", Utc(2026, 11, 16)));
        (await evidence.TrainingOnAsync(days[1])).Should().BeEquivalentTo(direct[1], "the history read once is kept until the snapshot ends");
        (await evidence.TrainingOnAsync(_db.Today)).Courses[1].InDate.Should().Be(3, "a day beyond the snapshot is read afresh");
        evidence.ReadTrainingHistoryOnce(null);
        (await evidence.TrainingOnAsync(days[1])).Courses[1].InDate.Should().Be(direct[1].Courses[1].InDate + 1);
    }

    [Fact]
    public async Task The_eight_steps_are_scored_in_the_guidances_order()
    {
        await TrainingAsync();
        (await _db.Evidence().ScoresOnAsync(_db.Today)).Select(s => (s.Step, s.Day)).Should().Equal(Enum.GetValues<ReasonableStep>().Select(s => (s, _db.Today)));
        (await _db.Evidence().ScoringOptionsOnAsync(_db.Today)).MetFrom.Should().Be(_db.Scoring.MetFrom);
    }

    [Fact]
    public async Task The_trend_keeps_each_month_end_once_and_today_is_the_scores_given()
    {
        await TrainingAsync();
        var trend = new PositionTrend(_db.Db, _db.Evidence(), _db.Clock);
        var today = (await _db.Evidence().ScoresOnAsync(_db.Today)).Select(s => s with { Score = 77 }).ToList();
        var points = await trend.ToTodayAsync(today);
        points.Select(p => p.Day).Should().Equal([.. PositionTrend.MonthEnds(_db.Today), _db.Today]);
        points[0].Day.Should().Be(new DateOnly(2025, 11, 30));
        points[^2].Day.Should().Be(new DateOnly(2026, 10, 31));
        points[^1].Scores.Values.Should().AllBeEquivalentTo(77).And.HaveCount(8);
        foreach (var p in points.SkipLast(1))
        {
            p.Scores.Should().BeEquivalentTo((await _db.Evidence().ScoresOnAsync(p.Day)).ToDictionary(s => s.Step, s => s.Score));
        }
        await using (var db = _db.NewContext())
        {
            (await db.PositionSnapshots.CountAsync()).Should().Be(12 * 8);
            (await db.PositionSnapshots.Select(s => s.RecordedAtUtc).Distinct().ToListAsync()).Should().Equal(_db.NowUtc);
        }

        // Kept scores are read back, not worked out again: a kept month end that says otherwise wins.
        await _db.Db.Database.ExecuteSqlRawAsync("UPDATE position_snapshots SET score = 13 WHERE day = '2026-10-31'");
        (await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(today))[^2].Scores.Values.Should().AllBeEquivalentTo(13);

        // The daily job adds yesterday once, then nothing.
        var job = new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock);
        (await job.RecordDueAsync()).Should().Be(1);
        (await job.RecordDueAsync()).Should().Be(0);
        await using (var db = _db.NewContext())
        {
            (await db.PositionSnapshots.CountAsync(s => s.Day == _db.Today.AddDays(-1))).Should().Be(8);
        }
        // A month on, the new month end and the new yesterday are added.
        _db.Clock.Now = _db.Clock.Now.AddDays(30);
        (await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).RecordDueAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Completions_dated_in_the_past_make_the_trend_work_out_again_the_month_ends_from_their_date_so_it_equals_a_fresh_recomputation()
    {
        var site = _db.Site("Harbour");
        var people = Enumerable.Range(1, 4).Select(i => _db.Employee($"E-{i}", site.Id, start: new DateOnly(2024, 1, 1))).ToList();
        var course = new Course(new CourseSettings("SH-1", "Preventing harassment", null, null, CourseAudience.Everyone, [], 12, 30, false, null), Utc(2025, 1, 1));
        await _db.AddAsync([site, .. people, course]);
        var today = await _db.Evidence().ScoresOnAsync(_db.Today);
        var before = await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(today);
        before.SkipLast(1).Should().OnlyContain(p => p.Scores[ReasonableStep.Training] == 0, "nobody was trained");

        // A learning system's export arrives today, with completions from last spring.
        var record = new RecordCompletions(_db.NewContext(), _db.Audit, _db.Clock);
        var result = await record.RecordAsync(people.Take(3).Select((p, i) => new CompletionInput(i + 2, i + 2, p.EmployeeNumber, null, "SH-1", "15/04/2026")), CompletionSource.Import, "lms.csv", "Hana");
        result.Recorded.Should().BeTrue(string.Join("; ", result.Analysis.Errors.Select(e => e.Message)));
        await using (var db = _db.NewContext())
        {
            (await db.PositionSnapshots.CountAsync(s => s.Day >= new DateOnly(2026, 4, 15))).Should().Be(0, "the kept scores from the completions' date are forgotten");
            (await db.PositionSnapshots.CountAsync(s => s.Day < new DateOnly(2026, 4, 15))).Should().Be(5 * 8, "those before it stand");
        }
        var after = await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(await _db.Evidence().ScoresOnAsync(_db.Today));
        foreach (var p in after.SkipLast(1))
        {
            p.Scores.Should().BeEquivalentTo((await _db.Evidence().ScoresOnAsync(p.Day)).ToDictionary(s => s.Step, s => s.Score), $"the kept {p.Day} equals it worked out again");
        }
        after.Single(p => p.Day == new DateOnly(2026, 4, 30)).Scores[ReasonableStep.Training].Should().Be(75);
    }

    [Fact]
    public async Task An_incident_logged_late_makes_the_trend_work_out_again_the_month_ends_from_the_day_it_happened()
    {
        var site = _db.Site("Harbour");
        await _db.AddAsync(site);
        var today = await _db.Evidence().ScoresOnAsync(_db.Today);
        await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(today);
        var (id, errors) = await new ThirdParty.LogIncident(_db.NewContext(), _db.Audit, _db.Clock).HandleAsync(new ThirdParty.LogIncidentInput(
            "14/07/2026", site.Id, ThirdParty.ThirdPartyType.Customer, "Remarks at the till", true, null, [ThirdParty.IncidentResponse.Warning], "Sam Supervisor"), new ThirdParty.IncidentLogger(Guid.NewGuid(), "Hana", false));
        errors.Should().BeEmpty();
        id.Should().NotBeNull();
        await using var db = _db.NewContext();
        (await db.PositionSnapshots.MaxAsync(s => (DateOnly?)s.Day)).Should().Be(new DateOnly(2026, 6, 30), "from July on the kept scores are forgotten");
        var after = await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(await _db.Evidence().ScoresOnAsync(_db.Today));
        after.Single(p => p.Day == new DateOnly(2026, 8, 31)).Scores[ReasonableStep.ThirdParties].Should().Be(0, "the July incident had no review within 30 days");
        after.Single(p => p.Day == new DateOnly(2026, 6, 30)).Scores[ReasonableStep.ThirdParties].Should().Be(100);
    }

    [Fact]
    public async Task Past_dates_entered_in_the_directory_or_the_actions_and_a_changed_site_make_the_trend_work_out_again_and_a_new_name_or_a_late_sign_off_does_not()
    {
        var site = _db.Site("Harbour");
        var people = Enumerable.Range(1, 4).Select(i => _db.Employee($"E-{i}", site.Id, start: new DateOnly(2024, 1, 1))).ToList();
        var course = new Course(new CourseSettings("SH-1", "Preventing harassment", null, null, CourseAudience.Everyone, [], 24, 30, false, null), Utc(2024, 1, 1));
        await _db.AddAsync([site, .. people, course, .. people.Take(2).Select(p =>
            new TrainingCompletion(course.Id, p.Id, new DateOnly(2025, 6, 1), true, null, null, CompletionSource.Recorded, null, "Hana", Utc(2025, 6, 1)))]);
        async Task<DateOnly?> LastKeptAsync()
        {
            await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(await _db.Evidence().ScoresOnAsync(_db.Today));
            await using var db = _db.NewContext();
            (await db.PositionSnapshots.CountAsync()).Should().Be(12 * 8, "the trend keeps its twelve month ends");
            return await db.PositionSnapshots.MaxAsync(s => (DateOnly?)s.Day);
        }
        async Task<DateOnly?> ForgottenFromAsync()
        {
            await using var db = _db.NewContext();
            return (await db.PositionSnapshots.MaxAsync(s => (DateOnly?)s.Day))?.AddDays(1);
        }
        var lastMonthEnd = await LastKeptAsync();
        lastMonthEnd.Should().Be(new DateOnly(2026, 10, 31));

        // A new surname is no score's business: nothing is forgotten.
        EmployeeFields Fields(string last, string? leaving = null) => new() { EmployeeNumber = "E-3", FirstName = "Pat", LastName = last, Site = "Harbour", StartDate = "01/01/2024", LeavingDate = leaving };
        (await new SaveEmployee(_db.NewContext(), _db.Audit, _db.Clock).HandleAsync(people[2].Id, Fields("Marlowe"))).Errors.Should().BeEmpty();
        (await ForgottenFromAsync()).Should().Be(lastMonthEnd.Value.AddDays(1), "a name changes no score");

        // Someone untrained who in fact left in May: the training score of the month ends since rises.
        (await new SaveEmployee(_db.NewContext(), _db.Audit, _db.Clock).HandleAsync(people[2].Id, Fields("Marlowe", "20/05/2026"))).Errors.Should().BeEmpty();
        (await ForgottenFromAsync()).Should().BeOnOrBefore(new DateOnly(2026, 5, 20)).And.BeAfter(new DateOnly(2026, 4, 29), "the month ends from the leaving day are forgotten");
        await LastKeptAsync();

        // A briefing held in March and a board review of January, recorded today: they count from today, so no past day changes.
        var kept = await ForgottenFromAsync();
        var (_, errors) = await new RecordEngagement(_db.NewContext(), _db.Audit, _db.Clock).HandleAsync(
            new EngagementInput("Briefing", "10/03/2026", "Speaking up", "All staff", "3", "What to do", null), "Hana");
        errors.Should().BeEmpty();
        await _db.AddAsync(new BoardSignOff(Guid.NewGuid(), new DateOnly(2026, 1, 15), "Board", "A", "D", "[]", Guid.NewGuid(), "Dana", _db.NowUtc));
        (await ForgottenFromAsync()).Should().Be(kept);

        // An action of the plan completed in June, marked done today: the month ends it was open at change.
        var action = new PlanAction(ReasonableStep.Training, "Refresh the course", "Hana", new DateOnly(2026, 4, 30), PlanSource.Manual, null, "Hana", Utc(2026, 3, 1));
        await _db.AddAsync(action);
        await LastKeptAsync();
        await _db.ChangeAsync<PlanAction>(action.Id, a => a.Complete(new DateOnly(2026, 6, 12), "Done", null, null));
        (await ForgottenFromAsync()).Should().BeOnOrBefore(new DateOnly(2026, 4, 30)).And.BeAfter(new DateOnly(2026, 3, 30), "from its due date, the earliest it carries");
        await LastKeptAsync();

        // A risk assessment's action marked done today as done in May.
        var assessment = new Core.RiskAssessments.RiskAssessment("Harbour", Core.RiskAssessments.AssessmentScope.Site, site.Id, null, null, Utc(2026, 1, 5));
        var riskAction = new Core.RiskAssessments.RiskAction(assessment.Id, 1, null, "Move the till", "Sam", new DateOnly(2026, 5, 15), Utc(2026, 2, 1));
        await _db.AddAsync(assessment, riskAction);
        await LastKeptAsync();
        await _db.ChangeAsync<Core.RiskAssessments.RiskAction>(riskAction.Id, a => a.Complete(new DateOnly(2026, 5, 20), "Moved", _db.Today));
        (await ForgottenFromAsync()).Should().BeOnOrBefore(new DateOnly(2026, 5, 15)).And.BeAfter(new DateOnly(2026, 4, 29), "from its due date");
        await LastKeptAsync();

        // A site moved to Northern Ireland (out of the duty): every day is scored with the site as it now stands.
        await _db.ChangeAsync<Core.Organisation.Site>(site.Id, s => s.Update("Harbour", Core.Organisation.Nation.NorthernIreland, null));
        (await ForgottenFromAsync()).Should().BeNull("a site carries no date: every kept month end is worked out again");
        await LastKeptAsync();

        // The directory loaded again from the HR system, someone's start date put right: written in bulk, and all forgotten.
        var csv = "employee_number,first_name,last_name,site,start_date\nE-4,Pat,E-4,Harbour,01/09/2026\n";
        var imported = await new ImportEmployees(_db.NewContext(), _db.Audit).ImportAsync(() => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "hr.csv");
        imported.Imported.Should().BeTrue(string.Join("; ", imported.Analysis.Errors.Select(e => e.Message)));
        (await ForgottenFromAsync()).Should().BeNull("every kept month end is worked out again");
        await LastKeptAsync();


        var after = await new PositionTrend(_db.NewContext(), _db.Evidence(), _db.Clock).ToTodayAsync(await _db.Evidence().ScoresOnAsync(_db.Today));
        after.Should().HaveCount(13);
        foreach (var p in after.SkipLast(1))
        {
            p.Scores.Should().BeEquivalentTo((await _db.Evidence().ScoresOnAsync(p.Day)).ToDictionary(s => s.Step, s => s.Score), $"the kept {p.Day} equals it worked out again");
        }
        after.Single(p => p.Day == new DateOnly(2026, 5, 31)).Scores[ReasonableStep.Training].Should().Be(100, "one untrained person had left by then and the other not yet started");
    }
}
